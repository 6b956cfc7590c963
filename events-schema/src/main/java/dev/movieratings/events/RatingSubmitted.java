package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A user set their rating (and optionally a review) for a movie, replacing any earlier one.
 *
 * @param stars         half stars, 0.5 to 5.0
 * @param previousStars the stars this event replaced, or null when the user had no current rating
 * @param ratedSince    when the user's current, unbroken run of ratings for this movie began; carried
 *                      in the event so a projection gets the same answer whatever order events arrive in
 * @param review        the review that goes with the rating, or null for none
 */
public record RatingSubmitted(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        double stars,
        @Nullable Double previousStars,
        Instant ratedSince,
        @Nullable Review review)
        implements RatingEvent {

    public static final String TYPE = "RatingSubmitted";
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
