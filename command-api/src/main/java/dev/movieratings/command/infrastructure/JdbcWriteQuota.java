package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.WriteQuota;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A fixed one-minute window per user in PostgreSQL, so the limit holds however many instances run. */
class JdbcWriteQuota implements WriteQuota {

    private final JdbcClient jdbc;
    private final int perMinute;

    JdbcWriteQuota(JdbcClient jdbc, int perMinute) {
        this.jdbc = jdbc;
        this.perMinute = perMinute;
    }

    @Override
    public void acquire(String userId) {
        record Used(int writes, long secondsLeft) {}
        Used used = jdbc.sql("insert into ops.write_quota as q (user_id, window_start, writes)"
                        + " values (?, date_trunc('minute', now()), 1)"
                        + " on conflict (user_id) do update set"
                        + " writes = case when q.window_start = excluded.window_start"
                        + " then q.writes + 1 else 1 end,"
                        + " window_start = excluded.window_start"
                        + " returning writes,"
                        + " ceil(extract(epoch from (window_start + interval '1 minute' - now())))::bigint"
                        + " as seconds_left")
                .param(userId)
                .query((rs, n) -> new Used(rs.getInt("writes"), rs.getLong("seconds_left")))
                .single();
        if (used.writes() > perMinute) {
            throw new WriteLimitExceeded(perMinute, Math.max(1, used.secondsLeft()));
        }
    }
}
