package dev.movieratings.projection.sqs;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.http.EmbeddedMetricFormat;
import dev.movieratings.http.FunctionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the projector reports: batch sizes, events applied, failures, redeliveries (SQS's
 * ApproximateReceiveCount above 1), and the projection lag, from an event's occurredAt to its
 * application ({@code movie_ratings_projection_lag_seconds}).
 */
final class ProjectorMetrics {

    private static final Duration[] LAG_BUCKETS = {
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofMinutes(5)
    };

    private final DistributionSummary batchSize = DistributionSummary.builder("movie_ratings.projector.batch.size")
            .description("Messages per SQS batch handed to the projector")
            .baseUnit("messages")
            .serviceLevelObjectives(1, 2, 5, 10)
            .register(FunctionMetrics.registry());
    private final Counter applied = Counter.builder("movie_ratings.projector.events.applied")
            .description("Events the projector applied (a redelivered, already applied event counts again)")
            .register(FunctionMetrics.registry());
    private final Counter failures = Counter.builder("movie_ratings.projector.failures")
            .description("Messages the projector reported in batchItemFailures")
            .register(FunctionMetrics.registry());
    private final Counter failureErrors = Counter.builder("movie_ratings.errors")
            .description("Errors by kind")
            .tag("kind", "projection_failed")
            .register(FunctionMetrics.registry());
    private final Counter redeliveries = Counter.builder("movie_ratings.projector.redeliveries")
            .description("Messages received more than once (ApproximateReceiveCount > 1)")
            .register(FunctionMetrics.registry());
    private final Timer lag = Timer.builder("movie_ratings.projection.lag")
            .description("From an event's occurredAt to its application in the projections")
            .serviceLevelObjectives(LAG_BUCKETS)
            .register(FunctionMetrics.registry());

    // this batch's numbers, for the one EMF document written per batch on Lambda (one batch at a time per instance)
    private int batchMessages;
    private int batchApplied;
    private int batchFailures;
    private int batchRedeliveries;
    private final List<Double> batchLags = new ArrayList<>();

    void batchReceived(int messages) {
        batchSize.record(messages);
        batchMessages = messages;
        batchApplied = 0;
        batchFailures = 0;
        batchRedeliveries = 0;
        batchLags.clear();
    }

    void applied(RatingEvent event) {
        applied.increment();
        batchApplied++;
        Duration sinceOccurred = Duration.between(event.occurredAt(), Instant.now());
        if (!sinceOccurred.isNegative()) {
            lag.record(sinceOccurred);
            if (batchLags.size() < 100) {
                batchLags.add(sinceOccurred.toNanos() / 1e9);
            }
        }
    }

    void failed() {
        failures.increment();
        failureErrors.increment();
        batchFailures++;
    }

    void redelivered() {
        redeliveries.increment();
        batchRedeliveries++;
    }

    /** On Lambda: the batch as one CloudWatch EMF document, under the Prometheus names. */
    void batchDone() {
        List<EmbeddedMetricFormat.Value> values = new ArrayList<>(List.of(
                new EmbeddedMetricFormat.Value("movie_ratings_projector_batch_size_messages", "Count", batchMessages),
                new EmbeddedMetricFormat.Value("movie_ratings_projector_events_applied_total", "Count", batchApplied),
                new EmbeddedMetricFormat.Value("movie_ratings_projector_failures_total", "Count", batchFailures),
                new EmbeddedMetricFormat.Value(
                        "movie_ratings_projector_redeliveries_total", "Count", batchRedeliveries)));
        if (!batchLags.isEmpty()) {
            values.add(new EmbeddedMetricFormat.Value(
                    "movie_ratings_projection_lag_seconds", "Seconds", List.copyOf(batchLags)));
        }
        EmbeddedMetricFormat.emit(Map.of("function", "projector"), values);
    }
}
