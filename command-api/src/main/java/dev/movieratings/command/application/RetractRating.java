package dev.movieratings.command.application;

import org.jspecify.annotations.Nullable;

/** Withdraw the caller's rating (and review) of a movie. */
public record RetractRating(
        String userId, long movieId, @Nullable String idempotencyKey) {

    String digest() {
        return Fingerprints.digest("retract", movieId);
    }
}
