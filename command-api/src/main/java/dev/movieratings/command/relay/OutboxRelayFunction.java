package dev.movieratings.command.relay;

import dev.movieratings.command.application.Outbox;
import dev.movieratings.command.application.RelayingOutbox;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The outbox relay Lambda, run on a schedule: republishes committed events the command could not
 * publish (bus down, function killed after commit). Answers with what it did and what is left.
 */
public class OutboxRelayFunction implements Function<Map<String, Object>, Map<String, Object>> {

    private final RelayingOutbox relay;
    private final Outbox outbox;
    private final Duration minimumAge;
    private final Consumer<Outbox.OutboxStatus> health;

    /** @param health hears the outbox status after each run (the pipeline gauges sample there, off the request path) */
    public OutboxRelayFunction(
            RelayingOutbox relay, Outbox outbox, Duration minimumAge, Consumer<Outbox.OutboxStatus> health) {
        this.relay = relay;
        this.outbox = outbox;
        this.minimumAge = minimumAge;
        this.health = health;
    }

    @Override
    public Map<String, Object> apply(Map<String, Object> trigger) {
        int claimed = relay.relay(100, minimumAge, Duration.ofSeconds(40));
        Outbox.OutboxStatus status = outbox.status();
        health.accept(status);
        return Map.of(
                "claimed",
                claimed,
                "unpublished",
                status.unpublished(),
                "oldestUnpublishedSeconds",
                status.oldestAge().toSeconds());
    }
}
