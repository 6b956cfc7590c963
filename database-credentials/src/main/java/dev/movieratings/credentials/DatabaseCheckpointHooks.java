package dev.movieratings.credentials;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart's runtime hooks for the database. Before the snapshot: the function's warm-ups
 * ({@link FunctionWarmUp}: its real request path, side-effect free) and one round trip through the pool,
 * so the driver, the pool, the authentication exchange and the hot path are loaded and run inside the
 * snapshot and not on the first request after a restore; then the credentials are dropped. A warm-up that
 * fails is logged and skipped. After a restore (minutes or
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
    private final List<FunctionWarmUp> warmUps;

    public DatabaseCheckpointHooks(DataSource dataSource, DatabaseSecret secret) {
        this(dataSource, secret, List.of());
    }

    public DatabaseCheckpointHooks(DataSource dataSource, DatabaseSecret secret, List<FunctionWarmUp> warmUps) {
        this.dataSource = dataSource;
        this.secret = secret;
        this.warmUps = List.copyOf(warmUps);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (FunctionWarmUp warmUp : warmUps) {
            long started = System.nanoTime();
            try {
                String done = warmUp.warmUp();
                LOG.info("primed before the snapshot in {} ms: {}", (System.nanoTime() - started) / 1_000_000, done);
            } catch (RuntimeException e) {
                LOG.warn("could not prime the function before the snapshot: {}", e.toString());
            }
        }
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
