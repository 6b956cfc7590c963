package dev.movieratings.rating;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the command side knows of one (user, movie) stream before deciding: its last version and the
 * current rating, if any. A brand-new stream has version 0 and no rating.
 */
public record RatingStream(
        String userId,
        long movieId,
        int version,
        @Nullable Stars current,
        @Nullable Instant ratedSince) {

    public static RatingStream empty(String userId, long movieId) {
        return new RatingStream(userId, movieId, 0, null, null);
    }

    public boolean hasRating() {
        return current != null;
    }
}
