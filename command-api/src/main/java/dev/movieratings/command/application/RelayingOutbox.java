package dev.movieratings.command.application;

import java.time.Duration;

/** Republishes committed-but-unpublished events, batch after batch, until none is left or time runs out. */
public final class RelayingOutbox {

    private final Outbox outbox;
    private final EventPublisher publisher;

    public RelayingOutbox(Outbox outbox, EventPublisher publisher) {
        this.outbox = outbox;
        this.publisher = publisher;
    }

    /** @return events claimed (published or not) in this run */
    public int relay(int batchSize, Duration minimumAge, Duration timeBudget) {
        long deadline = System.nanoTime() + timeBudget.toNanos();
        int total = 0;
        int claimed;
        do {
            claimed = outbox.relayBatch(batchSize, minimumAge, publisher::publish);
            total += claimed;
        } while (claimed == batchSize && System.nanoTime() < deadline);
        return total;
    }
}
