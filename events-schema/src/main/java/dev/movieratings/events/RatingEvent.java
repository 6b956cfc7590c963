package dev.movieratings.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event in one user's rating stream for one movie. Every event carries its stream identity and
 * per-stream version, so a projection can apply events idempotently and in any order: the highest
 * stream version wins. Diary events ({@link DiaryEvent}) share the stream; the rating projections skip them.
 */
public sealed interface RatingEvent permits RatingSubmitted, RatingRetracted, RatingErased, DiaryEvent {

    UUID eventId();

    String userId();

    long movieId();

    int streamVersion();

    Instant occurredAt();

    String type();

    int schemaVersion();
}
