package dev.movieratings.command.application;

/** Withdraw the caller's rating (and review) of a movie. */
public record RetractRating(String userId, long movieId, String idempotencyKey) {

    String fingerprint() {
        return Fingerprints.of("retract", movieId);
    }
}
