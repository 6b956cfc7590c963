package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseMigrationsIntegrationTest {

    private static EmbeddedDatabase database;
    private static int appliedOnAnEmptyDatabase;

    @BeforeAll
    static void startAndMigrate() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        appliedOnAnEmptyDatabase = DatabaseMigrations.migrate(database.dataSource()).migrationsExecuted;
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(appliedOnAnEmptyDatabase).isPositive();
        assertThat(DatabaseMigrations.migrate(database.dataSource()).migrationsExecuted)
                .isZero();
    }

    @Test
    void theEventTableRefusesUpdatesAndDeletes() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (1, 'Toy Story')");
            sql.execute(
                    "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version, occurred_at, payload)"
                            + " values (gen_random_uuid(), 'RatingSubmitted', 1, 'alice', 1, 1, now(), '{}')");
            assertThatThrownBy(() -> sql.execute("update rating_events set user_id = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("delete from rating_events")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute(
                            "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version, occurred_at, payload)"
                                    + " values (gen_random_uuid(), 'RatingSubmitted', 1, 'alice', 1, 1, now(), '{}')"))
                    .hasMessageContaining("rating_events_stream_version_unique");
        }
    }
}
