package dev.movieratings.testsupport;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A throw-away embedded PostgreSQL, migrated as its owner, with a login for every function's role: what
 * an integration test starts once per class. Functions under test connect as their own role
 * ({@link #login}), so a missing grant fails the test as it would fail on RDS; the test itself writes
 * fixtures and reads back through {@link #administrator()}.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final EmbeddedDatabase server;
    private final DatabaseLogins logins;

    private MigratedDatabase(EmbeddedDatabase server, DatabaseLogins logins) {
        this.server = server;
        this.logins = logins;
    }

    private static @Nullable MigratedDatabase shared;

    /**
     * One database for every test class of this JVM that asks for it, stopped when the JVM exits: for classes whose
     * rows are their own (fresh users and movies), so they cannot see each other's. A mutation run (PIT) runs a
     * class's tests again for every mutant in one JVM; this starts and migrates PostgreSQL once for all of them.
     */
    public static synchronized MigratedDatabase shared() {
        if (shared == null) {
            MigratedDatabase database = start();
            stopWhenThisJvmEnds(database.server());
            shared = database;
        }
        return shared;
    }

    /**
     * Stops the server once this JVM is gone, however it ends: a shutdown hook, and a watcher process for a JVM that is
     * halted or killed without running its hooks (PIT ends its minions so; each left a server running before).
     */
    public static void stopWhenThisJvmEnds(EmbeddedDatabase server) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-database-stop"));
        long postmaster;
        try (Connection connection = server.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
            backend.next();
            postmaster = ProcessHandle.of(backend.getLong(1))
                    .flatMap(ProcessHandle::parent)
                    .orElseThrow()
                    .pid();
        } catch (SQLException e) {
            throw new IllegalStateException("could not find the embedded PostgreSQL's server process", e);
        }
        long jvm = ProcessHandle.current().pid();
        try {
            // SIGINT: PostgreSQL's fast shutdown
            new ProcessBuilder(
                            "sh",
                            "-c",
                            "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; kill -INT " + postmaster
                                    + " 2>/dev/null")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL's watcher", e);
        }
    }

    public static MigratedDatabase start() {
        EmbeddedDatabase server = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(server.jdbcUrl());
        logins.migrate(server.dataSource());
        return new MigratedDatabase(server, logins);
    }

    /** The superuser: fixtures, forged rows, and reading back what a function wrote. */
    public DataSource administrator() {
        return server.dataSource();
    }

    /** A client as the superuser. */
    public JdbcClient jdbc() {
        return JdbcClient.create(server.dataSource());
    }

    /** A connection pool-less data source logging in as {@code role}. */
    public DataSource as(DatabaseRole role) {
        return logins.dataSource(role);
    }

    /** Spring's datasource variables for a function that connects as {@code role}. */
    public Map<String, String> login(DatabaseRole role) {
        return logins.springDataSource(role);
    }

    /** A function's other environment variables with the login of {@code role} added. */
    public Map<String, String> login(DatabaseRole role, Map<String, String> environment) {
        return logins.springDataSource(role, environment);
    }

    public DatabaseLogins logins() {
        return logins;
    }

    public EmbeddedDatabase server() {
        return server;
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
