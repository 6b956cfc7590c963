// Over 250 lines: one entry per meter, so that the whole catalogue reads in one place.
package dev.movieratings.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Every meter the service reports, once: the name as it shows in Prometheus and in CloudWatch, its type,
 * its tags, its description and whether CloudWatch gets it. Both outputs take the name from here (the
 * Micrometer meter is registered under the name Prometheus renders back to {@link #exposedName()}, and
 * {@link EmbeddedMetricFormat} writes {@link #exposedName()} itself), so the two cannot drift apart. No
 * other main code writes a metric name (a source test fails on one).
 */
public enum MeterCatalogue {
    HTTP_REQUESTS(
            Type.TIMER,
            "http_server_requests_seconds",
            Buckets.LATENCY,
            CloudWatch.SECONDS,
            "API requests answered by a function, by API Gateway route key and HTTP status",
            "function",
            "route",
            "status",
            "outcome"),
    /**
     * By kind: client_error, rate_limited, server_error, database_unavailable, malformed_request,
     * publish_failed (events the bus did not take), projection_failed.
     */
    ERRORS(Type.COUNTER, "movie_ratings_errors_total", Buckets.NONE, CloudWatch.COUNT, "Errors by kind", "kind"),
    DB_QUERY(
            Type.TIMER,
            "movie_ratings_db_query_seconds",
            Buckets.LATENCY,
            CloudWatch.NONE, // one line per statement would multiply the log volume
            "Time spent in the database per statement family (transaction included)",
            "family"),
    EVENTS_APPENDED(
            Type.COUNTER,
            "movie_ratings_events_appended_total",
            Buckets.NONE,
            CloudWatch.NONE,
            "Rating events committed to the event table",
            "type"),
    EVENTS_PUBLISHED(
            Type.COUNTER,
            "movie_ratings_events_published_total",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Events the bus accepted"),
    BUS_PUBLISH(
            Type.TIMER,
            "movie_ratings_bus_publish_seconds",
            Buckets.NONE,
            CloudWatch.NONE,
            "Time of one publish call to the bus, retries included"),
    OUTBOX_UNPUBLISHED(
            Type.GAUGE,
            "movie_ratings_outbox_unpublished_events",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Committed events not yet accepted by the bus"),
    OUTBOX_OLDEST_UNPUBLISHED_AGE(
            Type.GAUGE,
            "movie_ratings_outbox_oldest_unpublished_age_seconds",
            Buckets.NONE,
            CloudWatch.SECONDS,
            "Age of the oldest committed event the bus has not accepted (0 when none)"),
    EVENTS_HEAD_POSITION(
            Type.GAUGE,
            "movie_ratings_events_head_position",
            Buckets.NONE,
            CloudWatch.NONE,
            "Highest position in the event table"),
    PROJECTION_WATERMARK_POSITION(
            Type.GAUGE,
            "movie_ratings_projection_watermark_position",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Projection low watermark: every event at or below it is applied"),
    PROJECTION_POSITION_GAP(
            Type.GAUGE,
            "movie_ratings_projection_position_gap_events",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Event head position minus the projection watermark"),
    PROJECTION_LAG(
            Type.TIMER,
            "movie_ratings_projection_lag_seconds",
            Buckets.LAG,
            CloudWatch.SECONDS,
            "From an event's occurredAt to its application in the projections"),
    PROJECTOR_BATCH_SIZE(
            Type.SUMMARY,
            "movie_ratings_projector_batch_size_messages",
            Buckets.BATCH,
            CloudWatch.COUNT,
            "Messages per SQS batch handed to the projector"),
    PROJECTOR_EVENTS_APPLIED(
            Type.COUNTER,
            "movie_ratings_projector_events_applied_total",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Events the projector applied (a redelivered, already applied event counts again)"),
    PROJECTOR_FAILURES(
            Type.COUNTER,
            "movie_ratings_projector_failures_total",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Messages the projector reported in batchItemFailures"),
    PROJECTOR_REDELIVERIES(
            Type.COUNTER,
            "movie_ratings_projector_redeliveries_total",
            Buckets.NONE,
            CloudWatch.COUNT,
            "Messages received more than once (ApproximateReceiveCount > 1)"),
    /** Local runtime only: on AWS CloudWatch has SQS's own metrics. */
    QUEUE_MESSAGES(
            Type.GAUGE,
            "movie_ratings_queue_messages",
            Buckets.NONE,
            CloudWatch.NONE,
            "Messages waiting or in flight in the projector queue",
            "queue"),
    /** Local runtime only, like {@link #QUEUE_MESSAGES}. */
    DLQ_MESSAGES(
            Type.GAUGE,
            "movie_ratings_dlq_messages",
            Buckets.NONE,
            CloudWatch.NONE,
            "Messages parked in the projector's dead-letter queue"),
    REBUILD_EVENTS_FOLDED(
            Type.GAUGE,
            "movie_ratings_rebuild_events_folded",
            Buckets.NONE,
            CloudWatch.NONE,
            "Events folded so far by the running (or last) projection rebuild"),
    REBUILD_EVENTS_TO_FOLD(
            Type.GAUGE,
            "movie_ratings_rebuild_events_to_fold",
            Buckets.NONE,
            CloudWatch.NONE,
            "Events the running (or last) projection rebuild has to fold"),
    REBUILD_RUNNING(
            Type.GAUGE,
            "movie_ratings_rebuild_running",
            Buckets.NONE,
            CloudWatch.NONE,
            "1 while a projection rebuild runs in this process");

    /** Micrometer's meter types as used here; a timer or summary with buckets is a Prometheus histogram. */
    public enum Type {
        COUNTER("_total"),
        TIMER("_seconds"),
        SUMMARY(""),
        GAUGE("");

        private final String renderedSuffix;

        Type(String renderedSuffix) {
            this.renderedSuffix = renderedSuffix;
        }
    }

    /** The CloudWatch unit of a meter published in the embedded metric format, or NONE: Prometheus only. */
    enum CloudWatch {
        SECONDS("Seconds"),
        COUNT("Count"),
        NONE(null);

        private final @Nullable String unit;

        CloudWatch(@Nullable String unit) {
            this.unit = unit;
        }
    }

    /** Histogram buckets: fine at the low end for latency, where the SLO lives. */
    enum Buckets {
        NONE(List.of(), new double[0]),
        LATENCY(
                List.of(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5)),
                new double[0]),
        LAG(
                List.of(
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofMinutes(5)),
                new double[0]),
        BATCH(List.of(), new double[] {1, 2, 5, 10});

        private final List<Duration> durations;
        private final double[] values;

        Buckets(List<Duration> durations, double[] values) {
            this.durations = durations;
            this.values = values;
        }
    }

    private final Type type;
    private final String exposedName;
    private final Buckets buckets;
    private final CloudWatch cloudWatch;
    private final String description;
    private final List<String> tagKeys;

    MeterCatalogue(
            Type type,
            String exposedName,
            Buckets buckets,
            CloudWatch cloudWatch,
            String description,
            String... tagKeys) {
        if (!exposedName.endsWith(type.renderedSuffix)) {
            throw new IllegalArgumentException(exposedName + ": a " + type + " renders with " + type.renderedSuffix);
        }
        this.type = type;
        this.exposedName = exposedName;
        this.buckets = buckets;
        this.cloudWatch = cloudWatch;
        this.description = description;
        this.tagKeys = List.of(tagKeys);
    }

    /** The name in {@code /metrics} (Prometheus) and in CloudWatch (namespace MovieRatings). */
    public String exposedName() {
        return exposedName;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    public List<String> tagKeys() {
        return tagKeys;
    }

    /** True when the functions also write this meter as CloudWatch embedded metric format. */
    public boolean publishedToCloudWatch() {
        return cloudWatch.unit != null;
    }

    /** The CloudWatch unit (Seconds, Count) of a meter {@linkplain #publishedToCloudWatch() published there}. */
    public String cloudWatchUnit() {
        if (cloudWatch.unit == null) {
            throw new IllegalStateException(exposedName + " is not published to CloudWatch");
        }
        return cloudWatch.unit;
    }

    /**
     * The Micrometer name: the exposed name without the suffix Prometheus' naming convention adds back
     * ({@code _total} for counters, {@code _seconds} for timers); gauges and summaries carry no base unit,
     * their unit is already in the name.
     */
    String micrometerName() {
        return exposedName.substring(0, exposedName.length() - type.renderedSuffix.length());
    }

    /** The counter with these tag values, in the order of {@link #tagKeys()}, on the global registry. */
    public Counter counter(String... tagValues) {
        expect(Type.COUNTER);
        return Counter.builder(micrometerName())
                .description(description)
                .tags(tags(tagValues))
                .register(Metrics.globalRegistry);
    }

    public Timer timer(String... tagValues) {
        expect(Type.TIMER);
        Timer.Builder timer =
                Timer.builder(micrometerName()).description(description).tags(tags(tagValues));
        if (!buckets.durations.isEmpty()) { // without buckets a timer is a Prometheus summary
            timer.serviceLevelObjectives(buckets.durations.toArray(Duration[]::new));
        }
        return timer.register(Metrics.globalRegistry);
    }

    public DistributionSummary summary(String... tagValues) {
        expect(Type.SUMMARY);
        DistributionSummary.Builder summary = DistributionSummary.builder(micrometerName())
                .description(description)
                .tags(tags(tagValues));
        if (buckets.values.length > 0) {
            summary.serviceLevelObjectives(buckets.values);
        }
        return summary.register(Metrics.globalRegistry);
    }

    /** A gauge on the global registry, which every function's meters share. */
    public <T> Gauge gauge(T state, ToDoubleFunction<T> value, String... tagValues) {
        return gauge(Metrics.globalRegistry, state, value, tagValues);
    }

    /** A gauge on one registry (the local runtime's queue depths live on its Prometheus registry only). */
    public <T> Gauge gauge(MeterRegistry registry, T state, ToDoubleFunction<T> value, String... tagValues) {
        expect(Type.GAUGE);
        return Gauge.builder(micrometerName(), state, value)
                .description(description)
                .tags(tags(tagValues))
                .register(registry);
    }

    private void expect(Type wanted) {
        if (type != wanted) {
            throw new IllegalStateException(exposedName + " is a " + type + ", not a " + wanted);
        }
    }

    private String[] tags(String... values) {
        if (values.length != tagKeys.size()) {
            throw new IllegalArgumentException(exposedName + " takes tags " + tagKeys + ", got " + values.length);
        }
        String[] tags = new String[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            tags[2 * i] = tagKeys.get(i);
            tags[2 * i + 1] = values[i];
        }
        return tags;
    }
}
