package dev.movieratings.command.application;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.tag.TagText;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tag commands (issue 19): put a tag on a film, take one off; the caller's own tags only. The text follows the
 * rules of review text ({@link TagText}); a person has a tag once per film whatever its case, so adding "Funny" where
 * "funny" is on changes nothing, and removing "FUNNY" takes it off. Each appends the next event of the caller's tag
 * stream for the film (or none: both are idempotent) with the text written to or deleted from the personal store in
 * the same transaction; concurrent writers to one stream are resolved as for ratings, and a write that appends
 * counts against the same per-minute quota.
 */
public final class KeepingTags {

    private static final int MAX_ATTEMPTS = 5;

    private final TagEvents events;
    private final Catalog catalog;
    private final PublishingEvents publishing;
    private final WriteQuota quota;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public KeepingTags(
            TagEvents events,
            Catalog catalog,
            PublishingEvents publishing,
            WriteQuota quota,
            Clock clock,
            Supplier<UUID> ids) {
        this.events = events;
        this.catalog = catalog;
        this.publishing = publishing;
        this.quota = quota;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws dev.movieratings.rating.InvalidRating when the tag breaks a text rule
     * @throws MovieNotFound when the catalog has no such film
     */
    public TagChange add(String userId, long movieId, @Nullable String raw) {
        TagText tag = TagText.of(raw);
        return record(userId, movieId, tag, true);
    }

    /** A tag the film does not carry is simply not there (200, nothing written). */
    public TagChange remove(String userId, long movieId, @Nullable String raw) {
        TagText tag = TagText.of(raw);
        return record(userId, movieId, tag, false);
    }

    private TagChange record(String userId, long movieId, TagText tag, boolean add) {
        if (!catalog.movieExists(movieId)) {
            throw new MovieNotFound(movieId);
        }
        for (int attempt = 1; ; attempt++) {
            TagEvents.TagStream stream = events.stream(userId, movieId);
            UUID current = stream.tagsByKey().get(tag.key());
            if (add == (current != null)) {
                return new TagChange(movieId, tag.text(), add, null, null, stream.version());
            }
            int version = stream.version() + 1;
            RatingEvent next = add
                    ? new MovieTagged(ids.get(), userId, movieId, version, now(), ids.get())
                    : new MovieUntagged(ids.get(), userId, movieId, version, now(), current, null);
            if (attempt == 1) {
                quota.acquire(userId);
            }
            try {
                StoredEvent stored = events.append(next, add ? tag : null);
                publishing.publishCommitted(stored);
                return new TagChange(movieId, tag.text(), add, next.eventId(), stored.position(), version);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
