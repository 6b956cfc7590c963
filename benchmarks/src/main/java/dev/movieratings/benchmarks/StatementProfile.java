package dev.movieratings.benchmarks;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a run's database time goes, statement by statement, from pg_stat_statements; only when the embedded
 * PostgreSQL was started with it ({@code -Dembedded.postgres.statementStatistics=true}), otherwise nothing.
 */
final class StatementProfile {

    private StatementProfile() {}

    static void reset(JdbcTemplate jdbc) {
        if (Boolean.getBoolean(EmbeddedDatabase.STATEMENT_STATISTICS)) {
            jdbc.execute("create extension if not exists pg_stat_statements");
            jdbc.execute("select pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time, with their share, calls and time per event of the run. */
    static void print(JdbcTemplate jdbc, String run, int events) {
        if (!Boolean.getBoolean(EmbeddedDatabase.STATEMENT_STATISTICS)) {
            return;
        }
        System.out.println("statement profile, " + run + ": | share | ms | calls | µs per event | statement |");
        jdbc.query("""
                select total_exec_time, calls, total_exec_time / sum(total_exec_time) over () as share,
                       regexp_replace(query, '\\s+', ' ', 'g') as query
                from pg_stat_statements
                where userid <> (select oid from pg_roles where rolname = current_user)
                order by total_exec_time desc limit 15
                """, row -> {
            System.out.println(String.format(
                    Locale.ROOT,
                    "| %.1f %% | %.0f | %d | %.1f | %s |",
                    100 * row.getDouble("share"),
                    row.getDouble("total_exec_time"),
                    row.getLong("calls"),
                    1000 * row.getDouble("total_exec_time") / events,
                    abbreviated(row.getString("query"))));
        });
    }

    private static String abbreviated(String query) {
        return query.length() <= 200 ? query : query.substring(0, 200) + " …";
    }
}
