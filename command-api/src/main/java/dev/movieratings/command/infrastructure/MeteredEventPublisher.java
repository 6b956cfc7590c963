package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.http.EmbeddedMetricFormat;
import dev.movieratings.http.FunctionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Counts what reaches the bus: {@code movie_ratings_events_published_total}, the events the bus did not
 * take ({@code movie_ratings_errors_total{kind="publish_failed"}}) and the time a publish call takes.
 */
final class MeteredEventPublisher implements EventPublisher {

    private final EventPublisher bus;
    private final Counter published;
    private final Counter failed;
    private final Timer calls;

    MeteredEventPublisher(EventPublisher bus) {
        this.bus = bus;
        this.published = Counter.builder("movie_ratings.events.published")
                .description("Events the bus accepted")
                .register(FunctionMetrics.registry());
        this.failed = Counter.builder("movie_ratings.errors")
                .description("Errors by kind")
                .tag("kind", "publish_failed")
                .register(FunctionMetrics.registry());
        this.calls = Timer.builder("movie_ratings.bus.publish")
                .description("Time of one publish call to the bus, retries included")
                .register(FunctionMetrics.registry());
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        long started = System.nanoTime();
        try {
            Set<UUID> accepted = bus.publish(events);
            published.increment(accepted.size());
            failed.increment(events.size() - accepted.size());
            EmbeddedMetricFormat.emit(
                    Map.of("function", "command"),
                    List.of(
                            new EmbeddedMetricFormat.Value(
                                    "movie_ratings_events_published_total", "Count", accepted.size()),
                            new EmbeddedMetricFormat.Value(
                                    "movie_ratings_event_publish_failures_total",
                                    "Count",
                                    events.size() - accepted.size())));
            return accepted;
        } catch (RuntimeException e) {
            failed.increment(events.size());
            throw e;
        } finally {
            calls.record(Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
