package dev.movieratings.benchmarks;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What the projector's database sessions are doing while a run lasts, sampled from pg_stat_activity every few
 * milliseconds: a statement's execution time includes waiting for another transaction's row lock and, on a busy
 * core, for the CPU, and only these samples tell the two apart. With the statement profile only.
 */
final class WaitSampler implements AutoCloseable {

    private static final String ACTIVE_SESSIONS = """
            select coalesce(wait_event_type || ' / ' || wait_event, 'running or waiting for the CPU')
            from pg_stat_activity
            where state = 'active' and backend_type = 'client backend' and usename <> current_user""";

    private final Map<String, Integer> samples = new TreeMap<>();
    private final Thread thread;
    private volatile boolean stopped;

    private WaitSampler(DataSource dataSource) {
        thread = new Thread(() -> sample(dataSource), "wait-sampler");
        thread.setDaemon(true);
        if (Boolean.getBoolean(EmbeddedDatabase.STATEMENT_STATISTICS)) {
            thread.start();
        }
    }

    static WaitSampler start(DataSource dataSource) {
        return new WaitSampler(dataSource);
    }

    private void sample(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            while (!stopped) {
                try (ResultSet rows = statement.executeQuery(ACTIVE_SESSIONS)) {
                    while (rows.next()) {
                        synchronized (samples) {
                            samples.merge(rows.getString(1), 1, Integer::sum);
                        }
                    }
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sampling pg_stat_activity failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sampling and prints each state's share of the samples of active sessions. */
    void print(String run) throws InterruptedException {
        close();
        synchronized (samples) {
            if (samples.isEmpty()) {
                return; // not sampled: the statement profile is off
            }
            int all = samples.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder line = new StringBuilder("active sessions, " + run + " (" + all + " samples):");
            samples.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .forEach(state -> line.append(String.format(
                            Locale.ROOT, " %s %.0f %%;", state.getKey(), 100.0 * state.getValue() / all)));
            System.out.println(line);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (thread.isAlive()) {
            thread.join();
        }
    }
}
