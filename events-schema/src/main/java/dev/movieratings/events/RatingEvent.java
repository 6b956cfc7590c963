package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event in one user's rating stream for one movie. Every event carries its stream identity and
 * per-stream version, so a projection can apply events idempotently and in any order: the highest
 * stream version wins.
 */
public sealed interface RatingEvent permits RatingSubmitted, RatingRetracted, RatingErased {

    UUID eventId();

    String userId();

    long movieId();

    int streamVersion();

    Instant occurredAt();

    String type();

    int schemaVersion();
}
