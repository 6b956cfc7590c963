package dev.movieratings.ops.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads {@link PipelineStatus} from the database; the dead-letter depth comes from the queue, if known. */
public final class StatusQueries {

    private static final String POSITIONS = """
            select w.position as watermark,
                   (select coalesce(max(position), 0) from rating_events) as highest,
                   (select count(*) from rating_events e where e.position > w.position) as above,
                   (select count(*) from ops.parked_events p where p.replayed_at is null) as parked
            from projection.watermark w""";

    /** The same rule as the watermark's advance: the first event above it neither applied nor parked. */
    private static final String FIRST_UNDECIDED = """
            select e.position, e.event_id::text as event_id, e.event_type, e.user_id, e.movie_id, e.recorded_at,
                   greatest(extract(epoch from now() - e.recorded_at), 0)::bigint as waited,
                   f.error, coalesce(f.failures, 0) as failures, f.last_failed_at
            from rating_events e
            left join ops.projection_failures f on f.event_id = e.event_id and f.resolved_at is null
            where e.position > (select position from projection.watermark)
              and not exists (select 1 from projection.applied_events a where a.position = e.position)
              and not exists (select 1 from ops.parked_events p
                              where p.position = e.position and p.replayed_at is null)
            order by e.position
            limit 1""";

    private static final String OUTBOX = """
            select count(*) as backlog,
                   coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as oldest
            from event_publications
            where published_at is null""";

    private StatusQueries() {}

    public static PipelineStatus read(JdbcClient jdbc, @Nullable Long deadLetterDepth) {
        Map<String, Object> positions = jdbc.sql(POSITIONS).query().singleRow();
        Map<String, Object> stuck = jdbc.sql(FIRST_UNDECIDED).query().listOfRows().stream()
                .findFirst()
                .orElse(null);
        Map<String, Object> outbox = jdbc.sql(OUTBOX).query().singleRow();
        return new PipelineStatus(
                number(positions, "watermark"),
                number(positions, "highest"),
                number(positions, "above"),
                stuck == null ? 0 : number(stuck, "waited"),
                stuck == null ? null : stuck(stuck),
                number(positions, "parked"),
                deadLetterDepth,
                number(outbox, "backlog"),
                number(outbox, "oldest"),
                ProjectorControl.state(jdbc));
    }

    private static PipelineStatus.Stuck stuck(Map<String, Object> row) {
        return new PipelineStatus.Stuck(
                number(row, "position"),
                text(row, "event_id"),
                text(row, "event_type"),
                text(row, "user_id"),
                number(row, "movie_id"),
                instant(row.get("recorded_at")),
                (String) row.get("error"),
                (int) number(row, "failures"),
                instant(row.get("last_failed_at")));
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) Objects.requireNonNull(row.get(column), column)).longValue();
    }

    private static String text(Map<String, Object> row, String column) {
        return (String) Objects.requireNonNull(row.get(column), column);
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        return value == null ? null : ((Timestamp) value).toInstant();
    }
}
