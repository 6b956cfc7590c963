package dev.movieratings.rating.watchlist;

import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a watchlist command and the stream it targets into the stream's next event, or none: adding a film
 * already on the list and removing one that is not change nothing (both commands are idempotent), so a
 * repeated click writes no event and the date the film was added stays the first one.
 */
public final class WatchlistDecisions {

    private WatchlistDecisions() {}

    public static Optional<MovieWatchlisted> add(WatchlistStream stream, UUID eventId, Instant now) {
        if (stream.onList()) {
            return Optional.empty();
        }
        return Optional.of(new MovieWatchlisted(eventId, stream.userId(), stream.movieId(), stream.version() + 1, now));
    }

    /**
     * A film taken off by a rating needs no event: its stream still says listed, but the list does not show it
     * (a later add then lists it again, with a new date).
     */
    public static Optional<MovieUnwatchlisted> remove(WatchlistStream stream, UUID eventId, Instant now) {
        if (!stream.onList()) {
            return Optional.empty();
        }
        return Optional.of(
                new MovieUnwatchlisted(eventId, stream.userId(), stream.movieId(), stream.version() + 1, now, null));
    }

    /** Erasure ends every stream whose latest event listed the film, on the list or taken off by a rating. */
    public static Optional<MovieUnwatchlisted> erase(
            WatchlistStream stream, UUID eventId, UUID erasureId, Instant now) {
        if (!stream.listed()) {
            return Optional.empty();
        }
        return Optional.of(new MovieUnwatchlisted(
                eventId, stream.userId(), stream.movieId(), stream.version() + 1, now, erasureId));
    }
}
