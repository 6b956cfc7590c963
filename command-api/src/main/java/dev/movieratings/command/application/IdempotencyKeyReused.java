package dev.movieratings.command.application;

/** The Idempotency-Key was already used by this user for a different request. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("this Idempotency-Key was already used for a different request; use a new key for a new request");
    }
}
