package dev.movieratings.command.application;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;
import org.jspecify.annotations.Nullable;

/** Set the caller's rating (and review, or none) for a movie. */
public record SubmitRating(
        String userId,
        long movieId,
        Stars stars,
        @Nullable Review review,
        @Nullable String idempotencyKey) {

    String digest() {
        String text = review == null ? null : review.text();
        return Fingerprints.digest(
                "submit",
                movieId,
                stars.decimal().toPlainString(),
                text == null ? "" : text,
                review != null && review.spoiler());
    }
}
