package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.eventstore.StoredEvent;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** A bus that fails a share of calls, for chaos runs (EVENT_BUS_FAILURE_RATE); never configured in production. */
final class FaultInjectingPublisher implements EventPublisher {

    private final EventPublisher bus;
    private final double failureRate;
    private final Random random = new Random(7);

    FaultInjectingPublisher(EventPublisher bus, double failureRate) {
        this.bus = bus;
        this.failureRate = failureRate;
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        boolean fail;
        synchronized (random) {
            fail = random.nextDouble() < failureRate;
        }
        if (fail) {
            throw new IllegalStateException("injected bus failure");
        }
        return bus.publish(events);
    }
}
