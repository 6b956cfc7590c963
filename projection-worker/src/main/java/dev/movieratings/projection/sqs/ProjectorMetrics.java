package dev.movieratings.projection.sqs;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.observability.EmbeddedMetricFormat;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
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

    private static final String PROJECTION_FAILED = "projection_failed";

    private final DistributionSummary batchSize = MeterCatalogue.PROJECTOR_BATCH_SIZE.summary();
    private final Counter applied = MeterCatalogue.PROJECTOR_EVENTS_APPLIED.counter();
    private final Counter failures = MeterCatalogue.PROJECTOR_FAILURES.counter();
    private final Counter redeliveries = MeterCatalogue.PROJECTOR_REDELIVERIES.counter();
    private final Timer lag = MeterCatalogue.PROJECTION_LAG.timer();

    ProjectorMetrics() {
        MeterCatalogue.ERRORS.counter(PROJECTION_FAILED); // at 0 from the start: the failure panels have a series
    }

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
        batchFailures++;
    }

    void redelivered() {
        redeliveries.increment();
        batchRedeliveries++;
    }

    /** On Lambda: the batch as one CloudWatch EMF document, under the Prometheus names. */
    void batchDone() {
        List<EmbeddedMetricFormat.Value> values = new ArrayList<>(List.of(
                new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTOR_BATCH_SIZE, batchMessages),
                new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTOR_EVENTS_APPLIED, batchApplied),
                new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTOR_FAILURES, batchFailures),
                new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTOR_REDELIVERIES, batchRedeliveries)));
        if (!batchLags.isEmpty()) {
            values.add(new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTION_LAG, List.copyOf(batchLags)));
        }
        EmbeddedMetricFormat.emit(Map.of("function", "projector"), values);
        FunctionMetrics.errors(PROJECTION_FAILED, batchFailures);
    }
}
