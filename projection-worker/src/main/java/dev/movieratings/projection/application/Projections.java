package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;

/** The projection tables, as the projector writes them. */
public interface Projections {

    /**
     * Applies the event in one transaction that also records it as applied, so a redelivery is a no-op.
     *
     * @throws UnknownEvent when the event store has no such event (forged or from another system)
     */
    ProjectionOutcome apply(RatingEvent event);

    /** Moves the low watermark up to the highest position below which every event is applied. */
    long advanceWatermark();

    class UnknownEvent extends RuntimeException {
        public UnknownEvent(String message) {
            super(message);
        }
    }
}
