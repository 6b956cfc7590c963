package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigrationsIntegrationTest {

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static int appliedOnAnEmptyDatabase;

    @BeforeAll
    static void startAndMigrate() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        appliedOnAnEmptyDatabase = logins.migrate(database.dataSource()).migrationsExecuted;
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void migratingAgainAppliesNothing() {
        assertThat(appliedOnAnEmptyDatabase).isPositive();
        assertThat(logins.migrate(database.dataSource()).migrationsExecuted).isZero();
    }

    @Test
    void theEventTableRefusesUpdatesAndDeletes() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (1, 'Toy Story')");
            sql.execute("insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                    + " stream_version, occurred_at, payload)"
                    + " values (gen_random_uuid(), 'RatingSubmitted', 1, 'alice', 1, 1, now(), '{}')");
            assertThatThrownBy(() -> sql.execute("update rating_events set user_id = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute("delete from rating_events")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.execute(
                            "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                                    + " stream_version, occurred_at, payload)"
                                    + " values (gen_random_uuid(), 'RatingSubmitted', 1, 'alice', 1, 1, now(), '{}')"))
                    .hasMessageContaining("rating_events_stream_version_unique");
        }
    }

    /** V122: only the person stream (issue 16) has no film, and its versions are unique per person. */
    @Test
    void onlyThePersonStreamHasNoFilmAndItsVersionsAreUnique() throws SQLException {
        String insert = "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream,"
                + " stream_version, occurred_at, payload) values (gen_random_uuid(), '%s', 1, 'carol', %s, '%s', 1,"
                + " now(), '{}')";
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (2, 'Jumanji') on conflict do nothing");
            sql.execute(insert.formatted("PersonErased", "null", "person"));
            assertThatThrownBy(() -> sql.execute(insert.formatted("PersonErased", "null", "person")))
                    .as("a person stream's version twice")
                    .hasMessageContaining("rating_events_stream_version_unique");
            assertThatThrownBy(() -> sql.execute(insert.formatted("RatingSubmitted", "null", "rating")))
                    .as("a film's stream without a film")
                    .hasMessageContaining("rating_events_film_unless_person");
            assertThatThrownBy(() -> sql.execute(insert.formatted("PersonErased", "2", "person")))
                    .as("the person stream with a film")
                    .hasMessageContaining("rating_events_film_unless_person");
        }
    }

    /** A database an earlier version migrated as the administrator: the bootstrap hands its objects to the owner. */
    @Test
    void aDatabaseMigratedAsTheAdministratorIsHandedToTheOwner() throws SQLException {
        try (EmbeddedDatabase earlier = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"))) {
            Flyway.configure()
                    .dataSource(earlier.dataSource())
                    .locations("classpath:db/migration")
                    .target("11")
                    .load()
                    .migrate();
            DatabaseLogins adopted = DatabaseLogins.random(earlier.jdbcUrl());

            assertThat(adopted.migrate(earlier.dataSource()).migrationsExecuted).isPositive();

            try (Connection admin = earlier.dataSource().getConnection();
                    ResultSet owners = admin.createStatement().executeQuery("""
                            select string_agg(distinct pg_get_userbyid(c.relowner), ',')
                            from pg_class c join pg_namespace n on n.oid = c.relnamespace
                            where n.nspname in ('public', 'projection', 'analytics', 'ops') and c.relkind in ('r', 'v')
                              and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
                            """)) {
                owners.next();
                assertThat(owners.getString(1)).isEqualTo(DatabaseRole.OWNER.roleName());
            }
            try (Connection analyst = adopted.dataSource(DatabaseRole.ANALYST).getConnection();
                    ResultSet rows =
                            analyst.createStatement().executeQuery("select count(*) from analytics.movie_scores")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    /**
     * A database that reached V45 before V20 existed (a local data folder from then): the roles' migrations,
     * numbered lower, still run (out of order), and the roles get V45's grants, which found no roles then.
     */
    @Test
    void aDatabasePastV45BeforeTheRolesExistedGetsTheRolesAndV45sGrants(@TempDir Path before)
            throws IOException, URISyntaxException, SQLException {
        Path migrations = Path.of(DatabaseMigrations.class
                .getClassLoader()
                .getResource("db/migration")
                .toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            // what such a database had: neither the roles (V20–V24) nor anything newer than them (V60 on, V100 on)
            for (Path file : files.filter(
                            f -> !f.getFileName().toString().matches("V2[0-4]__.*|V[6-9][0-9]__.*|V[1-9][0-9]{2,}__.*"))
                    .toList()) {
                Files.copy(file, before.resolve(file.getFileName()));
            }
        }
        try (EmbeddedDatabase earlier = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"))) {
            Flyway.configure()
                    .dataSource(earlier.dataSource())
                    .locations("filesystem:" + before)
                    .load()
                    .migrate();
            DatabaseLogins adopted = DatabaseLogins.random(earlier.jdbcUrl());

            assertThat(adopted.migrate(earlier.dataSource()).migrationsExecuted).isPositive();

            try (Connection admin = earlier.dataSource().getConnection();
                    ResultSet granted = admin.createStatement().executeQuery("""
                            select has_table_privilege('movie_ratings_ops', 'ops.parked_events', 'insert'),
                                   has_column_privilege('movie_ratings_ops', 'ops.parked_events', 'replayed_at',
                                                        'update'),
                                   has_column_privilege('movie_ratings_ops', 'ops.audit_log', 'outcome', 'insert'),
                                   has_column_privilege('movie_ratings_projector', 'ops.parked_events',
                                                        'replayed_at', 'select'),
                                   has_column_privilege('movie_ratings_ops', 'projection.watermark', 'position',
                                                        'update')
                            """)) {
                granted.next();
                for (int column = 1; column <= 5; column++) {
                    assertThat(granted.getBoolean(column))
                            .as("privilege " + column)
                            .isTrue();
                }
            }
        }
    }
}
