package dev.movieratings.credentials;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's runtime hooks for the database. Before the snapshot: one round trip through the pool, so
 * the driver, the pool and the authentication exchange are loaded and run once inside the snapshot and
 * not on the first request after a restore; then the credentials are dropped. After a restore (minutes or
 * weeks later, the password may have been rotated since): the credentials are fetched again. Neither hook
 * fails the snapshot or the restore: a database or Secrets Manager that is away only costs the first
 * request what it would cost without the hooks. Closing and reopening the pooled connections themselves
 * is Spring Boot's part (its Hikari checkpoint lifecycle), which runs after this hook before the snapshot
 * and before it after the restore.
 */
public final class DatabaseCheckpointHooks implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheckpointHooks.class);

    private final DataSource dataSource;
    private final DatabaseSecret secret;

    public DatabaseCheckpointHooks(DataSource dataSource, DatabaseSecret secret) {
        this.dataSource = dataSource;
        this.secret = secret;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("select 1");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("could not prime the database connection before the snapshot: {}", e.toString());
        }
        secret.forget();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        try {
            secret.refresh();
        } catch (RuntimeException e) {
            secret.forget();
            LOG.warn(
                    "could not fetch the database credentials after the restore; the first connection will: {}",
                    e.toString());
        }
    }
}
