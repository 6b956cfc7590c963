package dev.movieratings.rating;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
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

    /** The stream as its latest event left it. */
    public static RatingStream after(RatingEvent last) {
        return last instanceof RatingSubmitted submitted
                ? new RatingStream(
                        last.userId(),
                        last.movieId(),
                        last.streamVersion(),
                        Stars.of(submitted.stars()),
                        submitted.ratedSince())
                : new RatingStream(last.userId(), last.movieId(), last.streamVersion(), null, null);
    }

    public boolean hasRating() {
        return current != null;
    }
}
