package dev.movieratings.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every writer of rating_events takes this transaction-scoped advisory lock right before inserting,
 * so positions become visible in the order they were handed out: once a position is visible, every
 * lower one is committed (or rolled back). Readers that need "every event up to position P" (the
 * projector's watermark, the rebuild) rely on it. Only this module's writers take it.
 */
final class AppendOrder {

    private static final long LOCK_KEY = 0x6D6F766965L;
    private static final String LOCK = "select pg_advisory_xact_lock(?)";

    private AppendOrder() {}

    /** Inside the caller's transaction; held until it ends. */
    static void lock(JdbcClient jdbc) {
        jdbc.sql(LOCK).param(LOCK_KEY).query(Object.class).single();
    }

    /** On a connection whose transaction the caller runs (auto-commit off); held until it ends. */
    static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
    }
}
