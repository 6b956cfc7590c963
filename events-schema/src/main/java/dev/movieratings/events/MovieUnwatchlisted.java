package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person took a film off their watchlist, or erased their data (then {@code erasureId} names the erasure,
 * the same as on its RatingErased events). The next event of the person's watchlist stream for the film.
 *
 * @param erasureId the erasure that took the film off, or null when the person did it themselves
 */
public record MovieUnwatchlisted(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        @Nullable UUID erasureId) implements RatingEvent {

    public static final String TYPE = "MovieUnwatchlisted";
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    @Override
    public String stream() {
        return WATCHLIST_STREAM;
    }
}
