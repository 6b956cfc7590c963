package dev.movieratings.rating.projection;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The projection's view of one (user, movie) stream: the state after the highest stream version
 * applied so far. A withdrawn rating stays as a tombstone (no stars) so that an older event
 * arriving late cannot bring it back.
 */
public record UserRating(
        String userId,
        long movieId,
        int version,
        @Nullable Stars stars,
        @Nullable Review review,
        @Nullable Instant ratedSince,
        Instant updatedAt) {

    public boolean isCurrent() {
        return stars != null;
    }

    public boolean hasReview() {
        return review != null;
    }

    /** The smallest rating that counts as liking a film, for similar movies (issue 19): 4.0 stars. */
    public static final int LIKE_HALVES = 8;

    /** Whether the user's current rating says they like the film. */
    public boolean likes() {
        return stars != null && stars.halves() >= LIKE_HALVES;
    }

    public @Nullable BigDecimal starsDecimal() {
        return stars == null ? null : stars.decimal();
    }

    public @Nullable Boolean reviewSpoiler() {
        return review == null ? null : review.spoiler();
    }
}
