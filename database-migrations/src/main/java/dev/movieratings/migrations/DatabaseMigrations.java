package dev.movieratings.migrations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema migrations. Run as its own step (locally at start-up, on AWS as a deploy job), never in a request. */
public final class DatabaseMigrations {

    private DatabaseMigrations() {}

    public static MigrateResult migrate(DataSource dataSource) {
        return configure(Flyway.configure().dataSource(dataSource)).migrate();
    }

    public static MigrateResult migrate(String url, String user, String password) {
        return configure(Flyway.configure().dataSource(url, user, password)).migrate();
    }

    /** Lets the analysts' read-only role log in with a password from configuration (never from the repository). */
    public static void enableAnalystLogin(DataSource dataSource, String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("the analyst password must be at least 12 characters");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement format = connection.prepareStatement(
                        "select format('alter role movie_ratings_analyst login password %L', ?)")) {
            format.setString(1, password);
            try (ResultSet rs = format.executeQuery();
                    Statement alter = connection.createStatement()) {
                rs.next();
                alter.execute(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the analyst role's password", e);
        }
    }

    private static Flyway configure(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }
}
