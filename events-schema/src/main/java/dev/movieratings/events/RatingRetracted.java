package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A user withdrew their rating (and review) of a movie.
 *
 * @param previousStars the stars that were withdrawn
 */
public record RatingRetracted(
        UUID eventId, String userId, long movieId, int streamVersion, Instant occurredAt, double previousStars)
        implements RatingEvent {

    public static final String TYPE = "RatingRetracted";
    public static final int SCHEMA_VERSION = 1;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
