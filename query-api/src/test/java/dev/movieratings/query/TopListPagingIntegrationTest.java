package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Paging the top list while ratings arrive. The weighted rating of every movie depends on the global
 * mean C, so a burst of low ratings anywhere lowers every score; a cursor that went on in the order of
 * the new C would hand back movies of the first page again. The lists order by scores stored with a
 * list basis (C and m); the rebuild here, like a projector re-score, replaces the basis, and the cursor,
 * which carries its first page's basis, goes on in that first page's order.
 */
class TopListPagingIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static ProjectionMaintenance projections;
    private static LocalLambda queries;
    private static int minutes;

    /**
     * m = 2. Movies 1–10: twenty ratings each, averages 4.50, 4.45 … 4.05. Movie 11: one 5.0, which the
     * weighted rating pulls towards C and ranks 8th. Movies 12–20: twenty 3.0 each.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        for (int id = 1; id <= 20; id++) {
            jdbc.sql("insert into movies (movie_id, title, release_year, genres) values (?, ?, 2001, '{Drama}')")
                    .params(id, "Film " + id)
                    .update();
        }
        for (int id = 1; id <= 10; id++) {
            int fives = 11 - id;
            for (int r = 0; r < 20; r++) {
                append(rating("fan-" + r, id, r < fives ? 5.0 : 4.0));
            }
        }
        append(rating("fan-0", 11, 5.0));
        for (int id = 12; id <= 20; id++) {
            for (int r = 0; r < 20; r++) {
                append(rating("fan-" + r, id, 3.0));
            }
        }
        // the rebuild stores the lists' weighted ratings with the same m the query function uses
        projections = JdbcProjectionMaintenance.create(
                logins.dataSource(DatabaseRole.OPS), RebuildSettings.DEFAULT.withMinimumVotes(2));
        projections.rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of(
                                "WEIGHTED_RATING_MIN_VOTES",
                                "2",
                                "CURSOR_SIGNING_KEY",
                                "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @Test
    void aCursorKeepsItsListsOrderWhileNewRatingsMoveTheGlobalMean() {
        JsonNode first = top(null);
        assertThat(ids(first)).containsExactly(1L, 2L, 3L, 4L, 5L);
        double lastScoreOfFirstPage =
                first.get("items").get(4).get("weightedRating").asDouble();

        for (int id = 12; id <= 20; id++) {
            for (int r = 0; r < 22; r++) {
                append(rating("critic-" + r, id, 0.5));
            }
        }
        projections.rebuildAll();
        JsonNode fresh = top(null);
        assertThat(fresh.get("items").get(0).get("weightedRating").asDouble())
                .as("the new ratings lowered C, so a fresh first page scores lower")
                .isLessThan(first.get("items").get(0).get("weightedRating").asDouble());
        assertThat(fresh.get("items").get(4).get("weightedRating").asDouble())
                .as("recomputed with the new C, first-page movies would sort after the cursor and come again")
                .isLessThan(lastScoreOfFirstPage);

        List<Long> seen = new ArrayList<>(ids(first));
        String cursor = first.get("nextCursor").asString();
        while (cursor != null) {
            JsonNode page = top(cursor);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        }
        assertThat(seen)
                .as("every rated movie exactly once, in the first page's order")
                .containsExactly(
                        1L, 2L, 3L, 4L, 5L, 6L, 7L, 11L, 8L, 9L, 10L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    }

    private static JsonNode top(String cursor) {
        ApiGatewayEvents.Response response =
                ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "GET",
                        "GET /api/movies",
                        "/api/movies",
                        Map.of(),
                        "sort=top&limit=5" + (cursor == null ? "" : "&cursor=" + cursor),
                        Map.of("accept", "application/json"),
                        null,
                        null))));
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static RatingEvent rating(String user, long movie, double stars) {
        Instant at = T0.plusSeconds(60L * ++minutes);
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, at, stars, null, at, null);
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }
}
