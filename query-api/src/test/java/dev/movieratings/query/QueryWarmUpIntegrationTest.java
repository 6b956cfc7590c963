package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query function's SnapStart warm-up, called as the checkpoint hook calls it: every request it makes
 * is answered by the function's real path (200), not refused on the way.
 */
class QueryWarmUpIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static MigratedDatabase database;
    private static ConfigurableApplicationContext function;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        database.jdbc()
                .sql("insert into movies (movie_id, title, release_year, genres) values"
                        + " (1, 'Toy Story', 1995, '{Animation,Comedy}'), (2, 'The Heat', 1995, '{Drama}')")
                .update();
        for (int i = 0; i < 4; i++) {
            EventTable.append(
                    database.administrator(),
                    new RatingSubmitted(
                            UUID.randomUUID(),
                            "fan-" + i,
                            1 + i % 2,
                            1,
                            T0,
                            4.0,
                            null,
                            T0,
                            new Review("Fine.", false)));
        }
        JdbcProjectionMaintenance.create(database.as(DatabaseRole.OPS)).rebuildAll();
        function = new SpringApplicationBuilder(QueryApiApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + DatabaseRole.QUERY.roleName(),
                        "--spring.datasource.password=" + database.logins().password(DatabaseRole.QUERY),
                        "--CURSOR_SIGNING_KEY=cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==");
    }

    @AfterAll
    static void stop() {
        function.close();
        database.close();
    }

    @Test
    void everyWarmUpRequestIsAnsweredByTheFunctionsRealPath() {
        String done = function.getBean(FunctionWarmUp.class).warmUp();

        assertThat(done).isEqualTo("movieQueries: 25 rounds of 6 requests, answered {200=150}");
    }
}
