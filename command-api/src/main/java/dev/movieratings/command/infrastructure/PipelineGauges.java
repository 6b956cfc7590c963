package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Outbox;
import dev.movieratings.observability.EmbeddedMetricFormat;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
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
        MeterCatalogue.OUTBOX_UNPUBLISHED.gauge(unpublished, AtomicLong::get);
        MeterCatalogue.OUTBOX_OLDEST_UNPUBLISHED_AGE.gauge(oldestUnpublishedMillis, a -> a.get() / 1000.0);
        MeterCatalogue.EVENTS_HEAD_POSITION.gauge(head, AtomicLong::get);
        MeterCatalogue.PROJECTION_WATERMARK_POSITION.gauge(watermark, AtomicLong::get);
        MeterCatalogue.PROJECTION_POSITION_GAP.gauge(head, h -> Math.max(0, h.get() - watermark.get()));
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
                        new EmbeddedMetricFormat.Value(MeterCatalogue.OUTBOX_UNPUBLISHED, unpublished.get()),
                        new EmbeddedMetricFormat.Value(
                                MeterCatalogue.OUTBOX_OLDEST_UNPUBLISHED_AGE, oldestUnpublishedMillis.get() / 1000.0),
                        new EmbeddedMetricFormat.Value(
                                MeterCatalogue.PROJECTION_POSITION_GAP, Math.max(0, head.get() - watermark.get())),
                        // with the gap, CloudWatch can tell a stalled watermark from a busy one (projection-stalled)
                        new EmbeddedMetricFormat.Value(MeterCatalogue.PROJECTION_WATERMARK_POSITION, watermark.get())));
    }
}
