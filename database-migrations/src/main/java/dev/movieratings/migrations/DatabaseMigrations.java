package dev.movieratings.migrations;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema migrations. Run as its own step (locally at start-up, on AWS as a deploy job), never in a request. */
public final class DatabaseMigrations {

    private DatabaseMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return configure(Flyway.configure().dataSource(dataSource)).migrate();
    }

    public static MigrateResult migrate(String url, String user, String password) {
        return configure(Flyway.configure().dataSource(url, user, password)).migrate();
    }

    private static Flyway configure(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        return configuration.locations("classpath:db/migration").failOnMissingLocations(true).load();
    }
}
