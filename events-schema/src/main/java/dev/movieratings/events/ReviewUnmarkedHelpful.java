package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person took back their "helpful" vote on a review, or erased their data (then {@code erasureId} names the
 * erasure, as on its RatingErased events). The next event of the voter's helpful stream for the film.
 *
 * @param erasureId the erasure that took the vote back, or null when the voter did it themselves
 */
public record ReviewUnmarkedHelpful(
        UUID eventId,
        String userId,
        long movieId,
        int streamVersion,
        Instant occurredAt,
        UUID reviewId,
        String reviewAuthor,
        @Nullable UUID erasureId)
        implements HelpfulVote {

    public static final String TYPE = "ReviewUnmarkedHelpful";
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
