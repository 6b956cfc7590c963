package dev.movieratings.command.application;

import dev.movieratings.command.application.PersonalData.Profile;
import dev.movieratings.rating.profile.DisplayName;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The name a person chooses to be shown with their reviews. */
public final class ManagingProfile {

    private final PersonalData data;
    private final Clock clock;

    public ManagingProfile(PersonalData data, Clock clock) {
        this.data = data;
        this.clock = clock;
    }

    public Profile setDisplayName(String userId, String name) {
        // microseconds, as PostgreSQL keeps them
        return data.saveProfile(userId, DisplayName.of(name), clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    public Optional<Profile> profile(String userId) {
        return data.profileOf(userId);
    }
}
