package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.eventstore.StoredEvent;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bus that fails a share of calls, for chaos runs (EVENT_BUS_FAILURE_RATE); never configured in
 * production. Half of the failures come before the events reach the bus, half after the bus took them
 * but before its answer arrived: the caller cannot tell them apart, and the relay publishes the second
 * kind again, so the projector sees those events twice.
 */
final class FaultInjectingPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjectingPublisher.class);

    private final EventPublisher bus;
    private final double failureRate;
    private final Random random = new Random(7);

    FaultInjectingPublisher(EventPublisher bus, double failureRate) {
        this.bus = bus;
        this.failureRate = failureRate;
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < failureRate / 2) {
            LOG.warn("injected bus failure before publishing {} event(s)", events.size());
            throw new IllegalStateException("injected bus failure before publishing");
        }
        Set<UUID> published = bus.publish(events);
        if (draw < failureRate) {
            LOG.warn("injected bus failure after publishing {} event(s): the answer is lost", published.size());
            throw new IllegalStateException("injected bus failure after publishing: the answer was lost");
        }
        return published;
    }
}
