package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.projection.application.Projections;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live projections in PostgreSQL, a delivered batch applied in one transaction.
 */
class JdbcProjections implements Projections {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionWriter live;

    JdbcProjections(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.live = new ProjectionWriter(jdbc, ProjectionTables.LIVE);
    }

    @Override
    public Map<UUID, ProjectionOutcome> applyAll(Collection<RatingEvent> delivered) {
        return FunctionMetrics.databaseTime(
                "projection_apply",
                () -> transaction.execute(status -> {
                    Map<UUID, ProjectionOutcome> outcomes = live.applyStored(
                            delivered.stream().map(RatingEvent::eventId).toList());
                    delivered.forEach(event -> outcomes.putIfAbsent(event.eventId(), ProjectionOutcome.UNKNOWN));
                    return outcomes;
                }));
    }

    @Override
    public void recordFailure(UUID eventId, String messageId, String error) {
        String subject = eventId == null ? "message:" + messageId : eventId.toString();
        String trimmed = error.length() > 2_000 ? error.substring(0, 2_000) : error;
        jdbc.sql("insert into ops.projection_failures (subject, event_id, message_id, error) values (?, ?, ?, ?)"
                        + " on conflict (subject) do update set failures = ops.projection_failures.failures + 1, error = excluded.error,"
                        + " message_id = excluded.message_id, last_failed_at = now(), resolved_at = null")
                .params(subject, eventId, messageId, trimmed)
                .update();
    }

    @Override
    public long advanceWatermark() {
        return FunctionMetrics.databaseTime("projection_watermark", live::advanceWatermark);
    }
}
