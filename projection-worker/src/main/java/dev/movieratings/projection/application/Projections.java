package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** The projection tables, as the projector writes them. */
public interface Projections {

    /**
     * Applies the events in one transaction that also records them as applied, so a redelivery is a
     * no-op. What is applied is the event the store holds under each delivered id, never the message's copy.
     *
     * @return each distinct event's outcome, by event id
     */
    Map<UUID, ProjectionOutcome> applyAll(Collection<RatingEvent> events);

    /**
     * Notes why a delivered message could not be applied, for ops to read beside the dead-letter queue.
     *
     * @param eventId the event the message named, or null when it held no readable event
     */
    void recordFailure(UUID eventId, String messageId, String error);

    /** Moves the low watermark up to the highest position below which every event is applied. */
    long advanceWatermark();
}
