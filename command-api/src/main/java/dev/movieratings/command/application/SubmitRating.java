package dev.movieratings.command.application;

import dev.movieratings.events.Review;
import dev.movieratings.rating.Stars;

/** Set the caller's rating (and review, or none) for a movie. */
public record SubmitRating(String userId, long movieId, Stars stars, Review review, String idempotencyKey) {

    String fingerprint() {
        return Fingerprints.of(
                "submit",
                movieId,
                stars.decimal().toPlainString(),
                review == null ? "" : review.text(),
                review != null && review.spoiler());
    }
}
