package dev.movieratings.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each catalogue meter, registered as the functions register it, renders in Prometheus under its exposed name. */
class MeterCatalogueTest {

    @Test
    void everyMeterRendersInPrometheusUnderItsExposedNameWithItsTypeAndDescription() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Metrics.globalRegistry.add(prometheus);
        try {
            AtomicLong state = new AtomicLong(7);
            for (MeterCatalogue meter : MeterCatalogue.values()) {
                String[] tags = meter.tagKeys().stream().map(k -> "x").toArray(String[]::new);
                switch (meter.type()) {
                    case COUNTER -> meter.counter(tags).increment();
                    case TIMER -> meter.timer(tags).record(java.time.Duration.ofMillis(3));
                    case SUMMARY -> meter.summary(tags).record(3);
                    case GAUGE -> meter.gauge(state, AtomicLong::get, tags);
                }
            }
            String scrape = prometheus.scrape();
            for (MeterCatalogue meter : MeterCatalogue.values()) {
                assertThat(scrape)
                        .as(meter.name())
                        .contains("# TYPE " + meter.exposedName() + " " + prometheusType(meter) + "\n")
                        .contains("# HELP " + meter.exposedName() + " " + meter.description() + "\n");
            }
        } finally {
            Metrics.globalRegistry.remove(prometheus);
            prometheus.close();
        }
    }

    @Test
    void namesAreUniqueAndCloudWatchGetsTheRequestsErrorsOutboxAndProjectorMeters() {
        assertThat(Arrays.stream(MeterCatalogue.values()).map(MeterCatalogue::exposedName))
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z][a-z_]*"));
        assertThat(Arrays.stream(MeterCatalogue.values()).filter(MeterCatalogue::publishedToCloudWatch))
                .containsExactlyInAnyOrder(
                        MeterCatalogue.HTTP_REQUESTS,
                        MeterCatalogue.ERRORS,
                        MeterCatalogue.EVENTS_PUBLISHED,
                        MeterCatalogue.OUTBOX_UNPUBLISHED,
                        MeterCatalogue.OUTBOX_OLDEST_UNPUBLISHED_AGE,
                        MeterCatalogue.PROJECTION_POSITION_GAP,
                        MeterCatalogue.PROJECTION_WATERMARK_POSITION,
                        MeterCatalogue.PROJECTION_LAG,
                        MeterCatalogue.PROJECTOR_BATCH_SIZE,
                        MeterCatalogue.PROJECTOR_EVENTS_APPLIED,
                        MeterCatalogue.PROJECTOR_FAILURES,
                        MeterCatalogue.PROJECTOR_REDELIVERIES);
    }

    @Test
    void aMeterTakesExactlyItsDeclaredTagsAndOnlyItsOwnType() {
        assertThatThrownBy(() -> MeterCatalogue.ERRORS.counter())
                .hasMessageContaining("movie_ratings_errors_total takes tags [kind], got 0");
        assertThatThrownBy(() -> MeterCatalogue.ERRORS.timer("client_error"))
                .hasMessageContaining("is a COUNTER, not a TIMER");
    }

    /** A timer or summary with buckets is a histogram; without, a summary. */
    private static String prometheusType(MeterCatalogue meter) {
        return switch (meter.type()) {
            case COUNTER -> "counter";
            case GAUGE -> "gauge";
            case TIMER, SUMMARY -> meter == MeterCatalogue.BUS_PUBLISH ? "summary" : "histogram";
        };
    }
}
