package dev.movieratings.projection.application;

import java.util.UUID;

import dev.movieratings.events.RatingEvent;

/** The projection tables, as the projector writes them. */
public interface Projections {

    /**
     * Applies the event in one transaction that also records it as applied, so a redelivery is a no-op.
     *
     * @throws UnknownEvent when the event store has no such event (forged or from another system)
     */
    ProjectionOutcome apply(RatingEvent event);

    /**
     * Notes why a delivered message could not be applied, for ops to read beside the dead-letter queue.
     *
     * @param eventId the event the message named, or null when it held no readable event
     */
    void recordFailure(UUID eventId, String messageId, String error);

    /** Moves the low watermark up to the highest position below which every event is applied. */
    long advanceWatermark();

    class UnknownEvent extends RuntimeException {
        public UnknownEvent(String message) {
            super(message);
        }
    }
}
