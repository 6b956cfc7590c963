package dev.movieratings.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server run from the zonky binaries, bound to loopback. Unpacks its binaries into a
 * folder of the project's own so parallel runs do not collide in the shared temp directory.
 *
 * <p>Every connection proves its password (scram-sha-256, as RDS does), so a wrong password fails here as
 * it would on AWS. zonky's initdb trusts everyone and gives the superuser no password; right after the
 * first start the superuser gets one and pg_hba.conf is rewritten to require passwords.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private static final String HBA = """
            # Written by EmbeddedDatabase: every connection authenticates with its password, as on RDS.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;
    /** Loads pg_stat_statements at start, for a benchmark's statement profile (docs/benchmarks.md). */
    public static final String STATEMENT_STATISTICS = "embedded.postgres.statementStatistics";

    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(10);

    private final EmbeddedPostgres postgres;
    private final String superuserPassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String superuserPassword) {
        this.postgres = postgres;
        this.superuserPassword = superuserPassword;
    }

    /** A throw-away server with a fresh data directory, for tests. */
    public static EmbeddedDatabase startTemporary(Path workingDirectory) {
        return start(workingDirectory, null, 0);
    }

    /**
     * @param dataDirectory where the data lives across restarts, or null for a throw-away one; the
     *     superuser's password is kept beside it ({@code <dataDirectory>.superuser-password})
     * @param port          the port to listen on, or 0 for any free one
     */
    public static EmbeddedDatabase start(Path workingDirectory, @Nullable Path dataDirectory, int port) {
        try {
            Files.createDirectories(workingDirectory);
            String password = dataDirectory == null ? randomPassword() : keptPassword(dataDirectory);
            AtomicReference<Path> initialised = new AtomicReference<>();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(directory -> initialised.set(directory.toPath()));
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory.getParent());
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            EmbeddedDatabase database = new EmbeddedDatabase(builder.start(), password);
            database.requirePasswords(initialised.get());
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The superuser, for fixtures and for the migrations' one-time bootstrap (the RDS master user's part). */
    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** A login of one role, with its password. */
    public DataSource dataSource(String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** For a pool of the superuser's own (benchmarks' fixtures). */
    public String superuserPassword() {
        return superuserPassword;
    }

    /** The database's URL without credentials: whoever connects names its role and password. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the superuser its password and makes pg_hba.conf require passwords, then waits until the
     * server has reloaded it: until a wrong password is refused. Idempotent: a data directory from an
     * earlier start (or from before passwords were required) ends in the same state.
     */
    private void requirePasswords(Path dataDirectory) throws IOException {
        try (Connection superuser = dataSource().getConnection()) {
            superuser.unwrap(PGConnection.class).alterUserPassword(USER, superuserPassword.toCharArray(), null);
            Path hba = dataDirectory.resolve("pg_hba.conf");
            if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
                return;
            }
            Files.writeString(hba, HBA);
            try (Statement reload = superuser.createStatement()) {
                reload.execute("select pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not require passwords of the embedded PostgreSQL", e);
        }
        long deadline = System.nanoTime() + RELOAD_DEADLINE.toNanos();
        while (acceptsWrongPassword()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "embedded PostgreSQL still trusts every password after " + RELOAD_DEADLINE);
            }
            Thread.onSpinWait();
        }
    }

    private boolean acceptsWrongPassword() {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(), USER, "not-" + superuserPassword)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("embedded PostgreSQL refused a connection unexpectedly", e);
        }
    }

    private static String keptPassword(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".superuser-password");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
            throw new IllegalStateException("the superuser's password of " + dataDirectory + " is gone (" + file
                    + "); the data cannot be opened without it: remove " + dataDirectory.getParent()
                    + " to start over");
        }
        Files.createDirectories(file.getParent());
        String password = randomPassword();
        Files.writeString(file, password);
        ownerOnly(file);
        return password;
    }

    /** Readable by this user alone, where the file system knows POSIX permissions. */
    public static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    public static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
