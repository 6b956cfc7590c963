package dev.movieratings.ops.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pauses and resumes the projector for maintenance. Locally the runtime's SQS poller reads
 * ops.projector_control before every receive; on AWS the event source mapping is switched off or on
 * first (a mapping that refuses leaves the recorded state as it was), then the switch is recorded.
 * Messages keep arriving on the queue while paused and are projected after the resume.
 */
public final class ProjectorControl {

    private static final String STATE = """
            select paused, changed_by, changed_at, reason from ops.projector_control""";
    private static final String SWITCH = """
            update ops.projector_control set paused = ?, changed_by = ?, changed_at = now(), reason = ?""";

    /** The recorded switch; {@code changedBy} is null until an operator first pauses or resumes. */
    public record State(
            boolean paused,
            @Nullable String changedBy,
            @Nullable Instant changedAt,
            @Nullable String reason) {}

    /** The projector's event source mapping on AWS; answers what it did, in words for the operator. */
    public interface EventSourceMapping {
        String setEnabled(boolean enabled);
    }

    /** Why the projector could not be switched, in words for the operator. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final @Nullable EventSourceMapping mapping;

    /** @param mapping the event source mapping to switch, or null where the local poller reads the table */
    public ProjectorControl(JdbcClient jdbc, @Nullable EventSourceMapping mapping) {
        this.jdbc = jdbc;
        this.mapping = mapping;
    }

    public static State state(JdbcClient jdbc) {
        return jdbc.sql(STATE)
                .query((rs, row) -> new State(
                        rs.getBoolean("paused"),
                        rs.getString("changed_by"),
                        instant(rs.getTimestamp("changed_at")),
                        rs.getString("reason")))
                .single();
    }

    /** @return what was switched, for the operator (and the audit log) */
    public String pause(String actor, String reason) {
        return switchTo(true, actor, reason);
    }

    public String resume(String actor, String reason) {
        return switchTo(false, actor, reason);
    }

    private String switchTo(boolean paused, String actor, String reason) {
        String action = paused ? "projector-pause" : "projector-resume";
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw new Refused("the reason must say why in 1 to 500 characters");
        }
        String why = reason.strip();
        AuditLog audit = new AuditLog(jdbc);
        String done;
        try {
            done = mapping == null ? "local poller " + (paused ? "paused" : "resumed") : mapping.setEnabled(!paused);
        } catch (RuntimeException e) {
            String failure = "failed: " + e.getMessage();
            audit.record(actor, action, null, why, failure.substring(0, Math.min(failure.length(), 500)));
            throw new Refused("the projector's event source mapping was not switched: " + e.getMessage());
        }
        jdbc.sql(SWITCH).params(paused, actor, why).update();
        audit.record(actor, action, null, why, done);
        return done;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
