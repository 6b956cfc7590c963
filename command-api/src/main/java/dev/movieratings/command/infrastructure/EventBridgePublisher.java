package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.StoredEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes to an EventBridge bus with PutEvents, at most ten entries a call. Entries the bus reports
 * as failed are sent again (resilience4j retry with backoff); a circuit breaker stops calling a bus
 * that keeps failing, and the outbox relay catches up once it recovers.
 */
class EventBridgePublisher implements EventPublisher {

    static final int MAX_ENTRIES_PER_CALL = 10;
    private static final Logger LOG = LoggerFactory.getLogger(EventBridgePublisher.class);

    private final EventBridgeClient client;
    private final String busName;
    private final String source;
    private final Retry retry;
    private final CircuitBreaker breaker;

    EventBridgePublisher(EventBridgeClient client, String busName, String source, Retry retry, CircuitBreaker breaker) {
        this.client = client;
        this.busName = busName;
        this.source = source;
        this.retry = retry;
        this.breaker = breaker;
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        Set<UUID> published = new HashSet<>();
        for (int from = 0; from < events.size(); from += MAX_ENTRIES_PER_CALL) {
            List<StoredEvent> chunk = events.subList(from, Math.min(events.size(), from + MAX_ENTRIES_PER_CALL));
            try {
                publishChunk(chunk, published);
            } catch (RuntimeException e) {
                // what went before is published; the rest waits in the outbox for the relay
                LOG.warn(
                        "PutEvents gave up after retries ({}); {} event(s) left for the relay",
                        e.toString(),
                        events.size() - published.size());
                break;
            }
        }
        return published;
    }

    private void publishChunk(List<StoredEvent> chunk, Set<UUID> published) {
        List<StoredEvent> remaining = new ArrayList<>(chunk);
        Runnable attempt = () -> {
            PutEventsResponse response = client.putEvents(
                    b -> b.entries(remaining.stream().map(this::entry).toList()));
            List<StoredEvent> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < remaining.size(); i++) {
                PutEventsResultEntry result = i < results.size() ? results.get(i) : null;
                if (result != null && result.errorCode() == null && result.eventId() != null) {
                    published.add(remaining.get(i).event().eventId());
                } else {
                    failed.add(remaining.get(i));
                }
            }
            remaining.clear();
            remaining.addAll(failed);
            if (!failed.isEmpty()) {
                throw new EntriesFailed(failed.size() + " of the entries were not accepted: "
                        + (results.isEmpty()
                                ? "no result"
                                : results.stream()
                                        .map(PutEventsResultEntry::errorCode)
                                        .filter(c -> c != null)
                                        .distinct()
                                        .toList()));
            }
        };
        breaker.executeRunnable(Retry.decorateRunnable(retry, attempt));
    }

    private PutEventsRequestEntry entry(StoredEvent stored) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(source)
                .detailType(stored.event().type())
                .detail(RatingEventJson.write(stored.event()))
                .time(stored.event().occurredAt())
                .build();
    }

    /** Some entries of a PutEvents call came back failed: worth another try. */
    static class EntriesFailed extends RuntimeException {
        EntriesFailed(String message) {
            super(message);
        }
    }
}
