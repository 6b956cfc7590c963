package dev.movieratings.migrations;

import static dev.movieratings.migrations.DatabaseRole.OWNER;
import static dev.movieratings.migrations.DatabaseRole.QUERY;
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

/**
 * projection.grant_access() (V107), which a rebuild runs after every swap, runs each feature's
 * projection.grant_access_&lt;feature&gt;(), so a feature's migration adds its grants without copying every
 * other feature's; a function of that name owned by anyone but the owner is never run.
 */
class ProjectionGrantsIntegrationTest {

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void grantAccessRunsTheGrantFunctionOfAFeatureAddedLater() throws SQLException {
        administer(
                "create table projection.later_feature (x int)",
                "alter table projection.later_feature owner to movie_ratings_owner",
                grantFunction("grant_access_later_feature", "later_feature"),
                "alter function projection.grant_access_later_feature() owner to movie_ratings_owner");
        assertThatThrownBy(() -> query("select count(*) from projection.later_feature"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));

        asOwner("select projection.grant_access()");

        assertThat(query("select count(*) from projection.later_feature")).isZero();
    }

    @Test
    void grantAccessNeverRunsAGrantFunctionSomeoneElseOwns() throws SQLException {
        administer(
                "create table projection.planted (x int)",
                "alter table projection.planted owner to movie_ratings_owner",
                grantFunction("grant_access_planted", "planted"),
                "alter function projection.grant_access_planted() owner to movie_ratings_ops");

        asOwner("select projection.grant_access()");

        assertThatThrownBy(() -> query("select count(*) from projection.planted"))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }

    private static String grantFunction(String name, String table) {
        return """
                create function projection.%s() returns void language plpgsql as $$
                begin
                    grant select on projection.%s to movie_ratings_query;
                end
                $$
                """.formatted(name, table);
    }

    private static void administer(String... statements) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    private static void asOwner(String statement) throws SQLException {
        try (Connection connection = logins.dataSource(OWNER).getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static long query(String statement) throws SQLException {
        try (Connection connection = logins.dataSource(QUERY).getConnection();
                Statement sql = connection.createStatement();
                var rows = sql.executeQuery(statement)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
