package dev.movieratings.migrations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.PGConnection;

/**
 * Applies the schema migrations. Run as its own step (locally at start-up, on AWS as a deploy job), never
 * in a request. Three steps, each with its own credentials: the administrator's one-time
 * {@link #bootstrap}, the owner's {@link #migrate}, and the owner's {@link #setPasswords} for the other
 * roles.
 */
public final class DatabaseMigrations {

    private static final int MINIMUM_PASSWORD_LENGTH = 12;

    private DatabaseMigrations() {}

    /**
     * As an administrator (the RDS master user, the local superuser): creates movie_ratings_owner with this
     * password, hands it the database and whatever an earlier version created as the administrator.
     * Idempotent.
     */
    public static void bootstrap(DataSource administrator, String ownerPassword) {
        requireStrong(DatabaseRole.OWNER, ownerPassword);
        try (Connection connection = administrator.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(resource("db/bootstrap.sql"));
            setPassword(connection, DatabaseRole.OWNER, ownerPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("could not bootstrap the database owner: " + e.getMessage(), e);
        }
    }

    /**
     * As the owner: applies the pending migrations. Out of order, because version numbers are reserved per
     * piece of work and land in any order: a database already past a number (V45) still gets a migration
     * numbered below it (V20) that landed later, instead of refusing to start.
     */
    public static MigrateResult migrate(DataSource owner) {
        return Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /**
     * As the owner: lets each role log in with its password. The password travels already hashed
     * (SCRAM-SHA-256, computed by the driver), so it appears in no statement text or server log.
     */
    public static void setPasswords(DataSource owner, Map<DatabaseRole, String> passwords) {
        try (Connection connection = owner.getConnection()) {
            for (Map.Entry<DatabaseRole, String> entry : passwords.entrySet()) {
                if (entry.getKey() == DatabaseRole.OWNER) {
                    throw new IllegalArgumentException("the owner's password is set by the bootstrap");
                }
                requireStrong(entry.getKey(), entry.getValue());
                setPassword(connection, entry.getKey(), entry.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the roles' passwords: " + e.getMessage(), e);
        }
    }

    private static void setPassword(Connection connection, DatabaseRole role, String password) throws SQLException {
        connection.unwrap(PGConnection.class).alterUserPassword(role.roleName(), password.toCharArray(), null);
        try (Statement login = connection.createStatement()) {
            login.execute(LOGIN.get(role));
        }
    }

    // One literal statement per role (no identifiers assembled at run time).
    private static final Map<DatabaseRole, String> LOGIN = Map.of(
            DatabaseRole.OWNER, "alter role movie_ratings_owner login",
            DatabaseRole.COMMAND, "alter role movie_ratings_command login",
            DatabaseRole.RELAY, "alter role movie_ratings_relay login",
            DatabaseRole.PROJECTOR, "alter role movie_ratings_projector login",
            DatabaseRole.QUERY, "alter role movie_ratings_query login",
            DatabaseRole.OPS, "alter role movie_ratings_ops login",
            DatabaseRole.ANALYST, "alter role movie_ratings_analyst login");

    private static void requireStrong(DatabaseRole role, String password) {
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password of " + role.roleName() + " must be at least "
                    + MINIMUM_PASSWORD_LENGTH + " characters");
        }
    }

    private static String resource(String name) {
        try (InputStream in = DatabaseMigrations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
