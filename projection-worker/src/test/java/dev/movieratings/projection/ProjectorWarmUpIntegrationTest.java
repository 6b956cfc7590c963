package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The projector's SnapStart warm-up, called as the checkpoint hook calls it: it applies whole batches
 * through the function's code and leaves every table exactly as it found it.
 */
class ProjectorWarmUpIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static ConfigurableApplicationContext function;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        jdbc.sql("insert into movies (movie_id, title) values (1, 'Toy Story'), (2, 'Heat')")
                .update();
        LocalLambda projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
        List<SqsEvents.Message> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RatingSubmitted rating = new RatingSubmitted(
                    UUID.randomUUID(), "fan-" + i, 1 + i % 2, 1, T0.plusSeconds(i), 4.0, null, T0, null);
            EventTable.append(database.administrator(), rating);
            messages.add(new SqsEvents.Message(
                    rating.eventId().toString(), "r", BusEnvelope.wrap(rating, "123456789012", "eu-west-1", T0), 1, 0));
        }
        String response = projector.invoke(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:q"));
        assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        function = new SpringApplicationBuilder(ProjectionWorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + DatabaseRole.PROJECTOR.roleName(),
                        "--spring.datasource.password=" + database.logins().password(DatabaseRole.PROJECTOR));
    }

    @AfterAll
    static void stop() {
        function.close();
        database.close();
    }

    @Test
    void theWarmUpAppliesBatchesThroughTheFunctionAndRollsEveryOneBack() {
        String before = everything();

        String done = function.getBean(FunctionWarmUp.class).warmUp();

        assertThat(done)
                .as("every round applied its ten synthetic ratings before its rollback")
                .contains("20 rounds of 6 stored and 10 synthetic events, 200 synthetic ratings written");
        assertThat(everything()).isEqualTo(before);
        assertThat(before).contains("fan-5").contains("rating_count=3");
    }

    /** Every row the projector may write, table by table, in a fixed order. */
    private static String everything() {
        StringBuilder rows = new StringBuilder();
        for (String table : List.of(
                "projection.user_ratings",
                "projection.movie_scores",
                "projection.rating_totals",
                "projection.applied_events",
                "projection.watermark",
                "ops.projection_failures")) {
            rows.append(table)
                    .append(jdbc.sql("select * from " + table + " order by 1, 2")
                            .query()
                            .listOfRows())
                    .append('\n');
        }
        return rows.toString();
    }
}
