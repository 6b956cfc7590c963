package dev.movieratings.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Similar movies, a score's history and its value on a past day, through the real query function, numbers worked
 * out by hand.
 */
class DiscoveryQueriesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long POSITIONS = 6 + 6 * 2 + 6 + 5;
    private static EmbeddedDatabase database;
    private static LocalLambda queries;

    /**
     * Movie 1: alice 4.0 (Dec 10), bob 5.0 (Dec 20), carol 3.0 and bob's change to 2.0 (Jan 5), alice withdraws
     * (Feb 1). Movie 2: dave 1.0 (Dec 15), only for the global mean C. m = 2, averages from one rating.
     */
    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        JdbcClient.create(database.dataSource())
                .sql("insert into movies (movie_id, title, release_year)"
                        + " values (1, 'Heat', 1995), (2, 'Jumanji', 1995),"
                        + " (3, 'Unrated', 2001), (10, 'Godfather, The', 1972),"
                        + " (11, 'Godfather: Part II, The', 1974),"
                        + " (12, 'Goodfellas', 1990), (13, 'Casino', 1995)")
                .update();
        // likes (4.0 or more): s1–s6 like 10 and 11, s1–s5 and s7 like 12, s1–s4 like 13 (s5's 3.5 is no like)
        for (int user = 1; user <= 7; user++) {
            String name = "s" + user;
            if (user <= 6) {
                append(rating(name, 10, 1, "2007-01-01T00:00:00Z", 5.0));
                append(rating(name, 11, 1, "2007-01-01T00:00:00Z", 4.0));
            }
            if (user <= 5 || user == 7) {
                append(rating(name, 12, 1, "2007-01-01T00:00:00Z", 4.5));
            }
            if (user <= 5) {
                append(rating(name, 13, 1, "2007-01-01T00:00:00Z", user == 5 ? 3.5 : 4.0));
            }
        }
        append(rating("alice", 1, 1, "2005-12-10T08:00:00Z", 4.0));
        append(rating("bob", 1, 1, "2005-12-20T23:59:59Z", 5.0));
        append(rating("dave", 2, 1, "2005-12-15T12:00:00Z", 1.0));
        append(rating("carol", 1, 1, "2006-01-05T01:00:00Z", 3.0));
        append(rating("bob", 1, 2, "2006-01-05T02:00:00Z", 2.0));
        append(new RatingRetracted(UUID.randomUUID(), "alice", 1, 2, Instant.parse("2006-02-01T00:00:00Z"), 4.0));
        // rebuilt by ops and read by the query function, each with its own role: the grants of V82 are exercised
        JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS)).rebuildAll();
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                logins.springDataSource(
                        DatabaseRole.QUERY,
                        Map.of(
                                "WEIGHTED_RATING_MIN_VOTES", "2",
                                "MIN_RATINGS_FOR_AVERAGE", "1",
                                "CURSOR_SIGNING_KEY", "cXVlcnktYXBpLXRlc3RzLWN1cnNvci1zaWduaW5nLWtleQ==")));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aDayPointForEachDayTheRatingsChangedEachAsOfThatDaysEnd() {
        JsonNode history = history(1, "interval=day");
        assertThat(history.get("interval").asString()).isEqualTo("day");
        assertThat(history.get("points").toString())
                .isEqualTo("[{\"period\":\"2005-12-10\",\"ratingCount\":1,\"average\":4.0},"
                        + "{\"period\":\"2005-12-20\",\"ratingCount\":2,\"average\":4.5},"
                        + "{\"period\":\"2006-01-05\",\"ratingCount\":3,\"average\":3.0},"
                        + "{\"period\":\"2006-02-01\",\"ratingCount\":2,\"average\":2.5}]");
        assertThat(history.get("projectedThrough").asLong()).isEqualTo(POSITIONS);
    }

    @Test
    void aMonthPointIsTheMonthsEndAndMonthIsTheDefault() {
        assertThat(history(1, "").get("points").toString())
                .isEqualTo("[{\"period\":\"2005-12\",\"ratingCount\":2,\"average\":4.5},"
                        + "{\"period\":\"2006-01\",\"ratingCount\":3,\"average\":3.0},"
                        + "{\"period\":\"2006-02\",\"ratingCount\":2,\"average\":2.5}]");
        assertThat(history(3, "interval=month").get("points").size())
                .as("a movie nobody rated has no points")
                .isZero();
    }

    @Test
    void aMovieAsOfAPastDayHasThatDaysCountAverageHistogramAndWeightedScoreWithThatDaysC() {
        JsonNode december = movie(1, "asOf=2005-12-31");
        assertThat(december.get("asOf").asString()).isEqualTo("2005-12-31");
        assertThat(december.get("ratingCount").asLong()).isEqualTo(2);
        assertThat(december.get("averageRating").asDouble()).isEqualTo(4.5);
        // C on Dec 31 = (4 + 5 + 1) / 3; WR = (Σ + m·C) / (v + m) = (9 + 2·10/3) / 4
        assertThat(december.get("weightedRating").asDouble()).isEqualTo(3.9167);
        assertThat(december.get("histogram").toString())
                .isEqualTo("{\"0.5\":0,\"1.0\":0,\"1.5\":0,\"2.0\":0,\"2.5\":0,\"3.0\":0,\"3.5\":0,\"4.0\":1,\"4.5\":0,"
                        + "\"5.0\":1}");
        JsonNode january = movie(1, "asOf=2006-01-05");
        // C = (4 + 2 + 3 + 1) / 4 = 2.5; WR = (9 + 5) / 5
        assertThat(january.get("weightedRating").asDouble()).isEqualTo(2.8);
        assertThat(january.get("averageRating").asDouble()).isEqualTo(3.0);
        JsonNode before = movie(1, "asOf=2005-12-09");
        assertThat(before.get("ratingCount").asLong()).isZero();
        assertThat(before.get("averageRating").isNull()).isTrue();
        assertThat(before.get("weightedRating").isNull()).isTrue();
        assertThat(movie(1, "").get("ratingCount").asLong())
                .as("without asOf: today's")
                .isEqualTo(2);
    }

    @Test
    void similarMoviesAreTheMostLikedTogetherWithTheirSimilarityAndCoLikesTiesByMovieId() {
        JsonNode similar = similar(10, "");
        // |L(10)| = |L(11)| = |L(12)| = 6; 10 and 11 share 6 likers, 10 and 12 five; 13 shares only four
        assertThat(similar.get("items").toString())
                .isEqualTo(
                        "[{\"id\":11,\"title\":\"Godfather: Part II, The\",\"displayTitle\":\"The Godfather: Part II\","
                                + "\"year\":1974,\"similarity\":1.0,\"coLikes\":6},"
                                + "{\"id\":12,\"title\":\"Goodfellas\",\"displayTitle\":\"Goodfellas\",\"year\":1990,"
                                + "\"similarity\":0.8333,\"coLikes\":5}]");
        assertThat(similar.get("pendingRefresh").asBoolean()).isFalse();
        assertThat(similar(12, "").get("items"))
                .extracting(m -> m.get("id").asLong())
                .as("5/6 with both 10 and 11: the lower id first")
                .containsExactly(10L, 11L);
        assertThat(similar(12, "limit=1").get("items")).hasSize(1);
        assertThat(similar(13, "limit=0").get("items"))
                .as("too few co-likes for any pair")
                .isEmpty();
        assertThat(similar(1, "limit=500").get("items")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GET /api/movies/{id}/history|/api/movies/1/history|1|interval=week|400",
                "GET /api/movies/{id}/history|/api/movies/1/history|1|interval=days|400",
                "GET /api/movies/{id}/history|/api/movies/1/history|1|interval=DAY%00|400",
                "GET /api/movies/{id}/history|/api/movies/999/history|999|interval=day|404",
                "GET /api/movies/{id}/history|/api/movies/99999999999999999999/history|99999999999999999999||404",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=2005-02-30|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=2005-13-01|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=99999999999999999999|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=1e999999999|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=2005-12-31T00:00:00Z|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=1899-12-31|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=9999-12-31|400",
                "GET /api/movies/{id}|/api/movies/1|1|asOf=2005-1-1|400",
                "GET /api/movies/{id}|/api/movies/999|999|asOf=2005-12-31|404",
                "GET /api/movies/{id}/similar|/api/movies/1/similar|1|limit=ten|400",
                "GET /api/movies/{id}/similar|/api/movies/1/similar|1|limit=99999999999999999999|400",
                "GET /api/movies/{id}/similar|/api/movies/1/similar|1|limit=1e9|400",
                "GET /api/movies/{id}/similar|/api/movies/999/similar|999||404",
                "GET /api/movies/{id}/similar|/api/movies/-1/similar|-1||404",
            })
    void badParametersGetASmallProblem(String route, String path, String id, String query, int status) {
        ApiGatewayEvents.Response response = get(route, path, Map.of("id", id), query == null ? "" : query);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(body.length()).isLessThanOrEqualTo(2048);
        assertThat(body).doesNotContain("99999").doesNotContain("\\u0000");
    }

    private static JsonNode history(long movie, String query) {
        ApiGatewayEvents.Response response = get(
                "GET /api/movies/{id}/history", "/api/movies/" + movie + "/history", Map.of("id", "" + movie), query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode similar(long movie, String query) {
        ApiGatewayEvents.Response response = get(
                "GET /api/movies/{id}/similar", "/api/movies/" + movie + "/similar", Map.of("id", "" + movie), query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode movie(long movie, String query) {
        ApiGatewayEvents.Response response =
                get("GET /api/movies/{id}", "/api/movies/" + movie, Map.of("id", "" + movie), query);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static ApiGatewayEvents.Response get(
            String route, String path, Map<String, String> pathParameters, String query) {
        return ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET", route, path, pathParameters, query, Map.of("accept", "application/json"), null, null))));
    }

    private static RatingSubmitted rating(String user, long movie, int version, String at, double stars) {
        Instant instant = Instant.parse(at);
        return new RatingSubmitted(UUID.randomUUID(), user, movie, version, instant, stars, null, instant, null);
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }
}
