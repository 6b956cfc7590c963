package dev.movieratings.projection.infrastructure;

import java.util.UUID;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.projection.application.Projections;
import dev.movieratings.http.FunctionMetrics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The live projections in PostgreSQL. The event applied is the one the event store holds under the
 * delivered event's id, so a message can only point at a committed event, never forge one.
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
    public ProjectionOutcome apply(RatingEvent delivered) {
        return FunctionMetrics.databaseTime("projection_apply", () -> transaction.execute(status -> {
            record Stored(long position, String payload) {
            }
            Stored stored = jdbc.sql("select position, payload::text as payload from rating_events where event_id = ?")
                    .param(delivered.eventId())
                    .query((rs, row) -> new Stored(rs.getLong("position"), rs.getString("payload")))
                    .optional()
                    .orElseThrow(() -> new UnknownEvent("event " + delivered.eventId() + " is not in the event store"));
            ProjectionOutcome outcome = live.apply(stored.position(), RatingEventJson.read(stored.payload()));
            jdbc.sql("update ops.projection_failures set resolved_at = now() where subject = ? and resolved_at is null")
                    .param(delivered.eventId().toString()).update();
            return outcome;
        }));
    }

    @Override
    public void recordFailure(UUID eventId, String messageId, String error) {
        String subject = eventId == null ? "message:" + messageId : eventId.toString();
        String trimmed = error.length() > 2_000 ? error.substring(0, 2_000) : error;
        jdbc.sql("insert into ops.projection_failures (subject, event_id, message_id, error) values (?, ?, ?, ?)"
                        + " on conflict (subject) do update set failures = ops.projection_failures.failures + 1, error = excluded.error,"
                        + " message_id = excluded.message_id, last_failed_at = now(), resolved_at = null")
                .params(subject, eventId, messageId, trimmed).update();
    }

    @Override
    public long advanceWatermark() {
        return FunctionMetrics.databaseTime("projection_watermark", live::advanceWatermark);
    }
}
