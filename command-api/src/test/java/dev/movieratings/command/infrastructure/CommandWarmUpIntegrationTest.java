package dev.movieratings.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiApplication;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.migrations.DatabaseRole;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command package's SnapStart warm-up, called as the checkpoint hook calls it: its requests reach the
 * rating function's reads and are refused there, and nothing is appended, counted or published.
 */
class CommandWarmUpIntegrationTest {

    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @Test
    void theWarmUpReadsThroughTheRatingFunctionAndWritesNothing() {
        try (ConfigurableApplicationContext function = new SpringApplicationBuilder(CommandApiApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + env.database.jdbcUrl(),
                        "--spring.datasource.username=" + DatabaseRole.COMMAND.roleName(),
                        "--spring.datasource.password=" + env.logins.password(DatabaseRole.COMMAND),
                        "--EVENT_BUS_KIND=eventbridge",
                        "--EVENT_BUS_NAME=movie-ratings-test",
                        "--EVENT_BUS_ENDPOINT=" + env.bus.baseUrl())) {
            Map<String, Long> before = written();
            int busCalls = env.bus.getAllServeEvents().size();

            String done = function.getBean(FunctionWarmUp.class).warmUp();

            assertThat(done).startsWith("ratingCommands: 25 rounds of 3 requests, answered {404=50, 422=25}");
            assertThat(written()).isEqualTo(before);
            assertThat(env.bus.getAllServeEvents()).hasSize(busCalls);
        }
    }

    private Map<String, Long> written() {
        return Map.of(
                "rating_events", count("rating_events"),
                "event_publications", count("event_publications"),
                "users", count("users"),
                "write_quota", count("ops.write_quota"));
    }

    private long count(String table) {
        return env.jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
