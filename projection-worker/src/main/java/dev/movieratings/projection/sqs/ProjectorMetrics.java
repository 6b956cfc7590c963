package dev.movieratings.projection.sqs;

import java.time.Duration;
import java.time.Instant;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.http.FunctionMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;

/**
 * What the projector reports: batch sizes, events applied, failures, redeliveries (SQS's
 * ApproximateReceiveCount above 1), and the projection lag, from an event's occurredAt to its
 * application ({@code movie_ratings_projection_lag_seconds}).
 */
final class ProjectorMetrics {

    private static final Duration[] LAG_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5)};

    private final DistributionSummary batchSize = DistributionSummary.builder("movie_ratings.projector.batch.size")
            .description("Messages per SQS batch handed to the projector").baseUnit("messages")
            .serviceLevelObjectives(1, 2, 5, 10).register(FunctionMetrics.registry());
    private final Counter applied = Counter.builder("movie_ratings.projector.events.applied")
            .description("Events the projector applied (a redelivered, already applied event counts again)").register(FunctionMetrics.registry());
    private final Counter failures = Counter.builder("movie_ratings.projector.failures")
            .description("Messages the projector reported in batchItemFailures").register(FunctionMetrics.registry());
    private final Counter failureErrors = Counter.builder("movie_ratings.errors").description("Errors by kind")
            .tag("kind", "projection_failed").register(FunctionMetrics.registry());
    private final Counter redeliveries = Counter.builder("movie_ratings.projector.redeliveries")
            .description("Messages received more than once (ApproximateReceiveCount > 1)").register(FunctionMetrics.registry());
    private final Timer lag = Timer.builder("movie_ratings.projection.lag")
            .description("From an event's occurredAt to its application in the projections")
            .serviceLevelObjectives(LAG_BUCKETS).register(FunctionMetrics.registry());

    void batchReceived(int messages) {
        batchSize.record(messages);
    }

    void applied(RatingEvent event) {
        applied.increment();
        Duration sinceOccurred = Duration.between(event.occurredAt(), Instant.now());
        if (!sinceOccurred.isNegative()) {
            lag.record(sinceOccurred);
        }
    }

    void failed() {
        failures.increment();
        failureErrors.increment();
    }

    void redelivered() {
        redeliveries.increment();
    }
}
