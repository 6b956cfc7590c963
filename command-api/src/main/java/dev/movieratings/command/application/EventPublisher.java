package dev.movieratings.command.application;

import dev.movieratings.eventstore.StoredEvent;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Puts events on the bus. At least once: a caller may publish an event again if it is not told it went. */
public interface EventPublisher {

    /** @return the ids of the events the bus accepted; the rest stay unpublished and are retried later */
    Set<UUID> publish(List<StoredEvent> events);
}
