package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Outbox;
import dev.movieratings.http.EmbeddedMetricFormat;
import dev.movieratings.http.FunctionMetrics;
import io.micrometer.core.instrument.Gauge;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The pipeline's health as gauges, sampled by the scheduled outbox relay (every few seconds locally,
 * every minute on AWS), never on a request path: the outbox backlog and the age of its oldest event
 * (from the status the relay reads anyway), and one query for the event table's head position and the
 * projection's low watermark, whose difference is the position gap still to project.
 */
final class PipelineGauges implements Consumer<Outbox.OutboxStatus> {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineGauges.class);

    private final JdbcClient jdbc;
    // one set per JVM: several Spring contexts of the command side may live in one process (the local runtime)
    private static final AtomicLong unpublished = new AtomicLong();
    private static final AtomicLong oldestUnpublishedMillis = new AtomicLong();
    private static final AtomicLong head = new AtomicLong();
    private static final AtomicLong watermark = new AtomicLong();

    static {
        var registry = FunctionMetrics.registry();
        Gauge.builder("movie_ratings.outbox.unpublished", unpublished, AtomicLong::get)
                .baseUnit("events")
                .description("Committed events not yet accepted by the bus")
                .register(registry);
        Gauge.builder("movie_ratings.outbox.oldest.unpublished.age", oldestUnpublishedMillis, a -> a.get() / 1000.0)
                .baseUnit("seconds")
                .description("Age of the oldest committed event the bus has not accepted (0 when none)")
                .register(registry);
        Gauge.builder("movie_ratings.events.head.position", head, AtomicLong::get)
                .description("Highest position in the event table")
                .register(registry);
        Gauge.builder("movie_ratings.projection.watermark.position", watermark, AtomicLong::get)
                .description("Projection low watermark: every event at or below it is applied")
                .register(registry);
        Gauge.builder("movie_ratings.projection.position.gap", head, h -> Math.max(0, h.get() - watermark.get()))
                .baseUnit("events")
                .description("Event head position minus the projection watermark")
                .register(registry);
    }

    PipelineGauges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void accept(Outbox.OutboxStatus status) {
        unpublished.set(status.unpublished());
        oldestUnpublishedMillis.set(status.oldestAge().toMillis());
        try {
            FunctionMetrics.databaseTime(
                    "pipeline_positions",
                    () -> jdbc.sql("select (select coalesce(max(position), 0) from rating_events) as head,"
                                    + " (select position from projection.watermark) as watermark")
                            .query((rs, row) -> {
                                head.set(rs.getLong("head"));
                                watermark.set(rs.getLong("watermark"));
                                return null;
                            })
                            .optional());
        } catch (RuntimeException e) {
            LOG.warn("could not sample the pipeline positions: {}", e.toString());
        }
        EmbeddedMetricFormat.emit(
                Map.of("function", "relay"),
                List.of(
                        new EmbeddedMetricFormat.Value(
                                "movie_ratings_outbox_unpublished_events", "Count", unpublished.get()),
                        new EmbeddedMetricFormat.Value(
                                "movie_ratings_outbox_oldest_unpublished_age_seconds",
                                "Seconds",
                                oldestUnpublishedMillis.get() / 1000.0),
                        new EmbeddedMetricFormat.Value(
                                "movie_ratings_projection_position_gap_events",
                                "Count",
                                Math.max(0, head.get() - watermark.get()))));
    }
}
