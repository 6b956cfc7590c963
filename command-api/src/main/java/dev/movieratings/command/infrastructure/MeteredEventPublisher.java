package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.EmbeddedMetricFormat;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Counts what reaches the bus: {@code movie_ratings_events_published_total}, the events the bus did not
 * take ({@code movie_ratings_errors_total{kind="publish_failed"}}, in Prometheus and CloudWatch alike)
 * and the time a publish call takes.
 */
final class MeteredEventPublisher implements EventPublisher {

    static final String PUBLISH_FAILED = "publish_failed";

    private final EventPublisher bus;
    private final Counter published;
    private final Timer calls;

    MeteredEventPublisher(EventPublisher bus) {
        this.bus = bus;
        this.published = MeterCatalogue.EVENTS_PUBLISHED.counter();
        this.calls = MeterCatalogue.BUS_PUBLISH.timer();
        MeterCatalogue.ERRORS.counter(PUBLISH_FAILED); // at 0 from the start: the failure panels have a series
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        long started = System.nanoTime();
        try {
            Set<UUID> accepted = bus.publish(events);
            published.increment(accepted.size());
            FunctionMetrics.errors(PUBLISH_FAILED, events.size() - accepted.size());
            EmbeddedMetricFormat.emit(
                    Map.of("function", "command"),
                    List.of(new EmbeddedMetricFormat.Value(MeterCatalogue.EVENTS_PUBLISHED, accepted.size())));
            return accepted;
        } catch (RuntimeException e) {
            FunctionMetrics.errors(PUBLISH_FAILED, events.size());
            throw e;
        } finally {
            calls.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
