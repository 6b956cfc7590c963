package dev.movieratings.migrations;

import org.flywaydb.core.api.output.MigrateResult;

/**
 * The migration command: {@code java -jar database-migrations.jar}, configured by the environment
 * variables SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD (the
 * same names the functions read).
 */
public final class MigrateDatabase {

    private MigrateDatabase() {}

    public static void main(String[] args) {
        String url = required("SPRING_DATASOURCE_URL");
        MigrateResult result = DatabaseMigrations.migrate(
                url,
                required("SPRING_DATASOURCE_USERNAME"),
                System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        String analystPassword = System.getenv("ANALYST_PASSWORD");
        if (analystPassword != null && !analystPassword.isBlank()) {
            var dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser(required("SPRING_DATASOURCE_USERNAME"));
            dataSource.setPassword(System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
            DatabaseMigrations.enableAnalystLogin(dataSource, analystPassword);
            System.out.println("The analyst role movie_ratings_analyst can log in with ANALYST_PASSWORD");
        }
        System.out.printf(
                "Database at %s: %d migration(s) applied, schema now at version %s%n",
                url,
                result.migrationsExecuted,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("Missing environment variable " + name);
            System.exit(2);
        }
        return value;
    }
}
