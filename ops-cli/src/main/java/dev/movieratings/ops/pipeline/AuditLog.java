package dev.movieratings.ops.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** ops.audit_log: every ops action that changes something, who asked for it, why, and how it ended. */
public final class AuditLog {

    private static final String RECORD = """
            insert into ops.audit_log (actor, action, event_id, reason, outcome) values (?, ?, ?, ?, ?)""";
    private static final String LATEST = """
            select at, actor, action, event_id, reason, outcome from ops.audit_log order by id desc limit ?""";

    public record Entry(Instant at, String actor, String action, UUID eventId, String reason, String outcome) {}

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, @Nullable UUID eventId, @Nullable String reason, String outcome) {
        jdbc.sql(RECORD).params(actor, action, eventId, reason, outcome).update();
    }

    /** Newest first. */
    public List<Entry> latest(int limit) {
        return jdbc.sql(LATEST)
                .param(limit)
                .query((rs, row) -> new Entry(
                        rs.getObject("at", Timestamp.class).toInstant(),
                        rs.getString("actor"),
                        rs.getString("action"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("reason"),
                        rs.getString("outcome")))
                .list();
    }
}
