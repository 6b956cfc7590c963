package dev.movieratings.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watchlist commands through the real command function and PostgreSQL: idempotent in both directions, the
 * caller's own list only, a stream of their own beside the rating stream, a rating taking the film off (so adding
 * it again writes again), and erasure closing every listed stream.
 */
class WatchlistCommandsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busUp() {
        env.busAccepts();
    }

    @Test
    void addingAndRemovingAreIdempotentAndWriteOneEventEach() {
        String user = "lister-" + UUID.randomUUID();

        ApiGatewayEvents.Response added = send("PUT", 318, user);
        ApiGatewayEvents.Response again = send("PUT", 318, user);

        assertThat(added.statusCode()).isEqualTo(202);
        assertThat(json(added).get("onWatchlist").asBoolean()).isTrue();
        assertThat(json(added).get("streamVersion").asInt()).isEqualTo(1);
        assertThat(again.statusCode())
                .as("already on the list: nothing written")
                .isEqualTo(200);
        assertThat(json(again).get("eventId").isNull()).isTrue();
        assertThat(json(again).get("streamVersion").asInt()).isEqualTo(1);
        assertThat(events(user)).containsExactly("MovieWatchlisted watchlist 318 v1");

        ApiGatewayEvents.Response removed = send("DELETE", 318, user);
        ApiGatewayEvents.Response removedAgain = send("DELETE", 318, user);

        assertThat(removed.statusCode()).isEqualTo(202);
        assertThat(json(removed).get("onWatchlist").asBoolean()).isFalse();
        assertThat(removedAgain.statusCode()).isEqualTo(200);
        assertThat(events(user))
                .containsExactly("MovieWatchlisted watchlist 318 v1", "MovieUnwatchlisted watchlist 318 v2");
        assertThat(env.jdbc
                        .sql(ERASURE_OF_VERSION_2)
                        .param(user)
                        .query(String.class)
                        .optional())
                .as("removed by the person, not by an erasure")
                .isEmpty();
    }

    @Test
    void theWatchlistStreamHasItsOwnVersionsBesideTheRatingStream() {
        String user = "both-" + UUID.randomUUID();
        send("PUT", 2571, user);

        ApiGatewayEvents.Response rated = rate(user, 2571, "{\"stars\":4}");

        assertThat(rated.statusCode()).isEqualTo(202);
        assertThat(json(rated).get("streamVersion").asInt())
                .as("the rating stream's first version")
                .isEqualTo(1);
        assertThat(events(user))
                .containsExactly("MovieWatchlisted watchlist 2571 v1", "RatingSubmitted rating 2571 v1");
    }

    @Test
    void aRatedFilmIsOffTheListSoAddingItAgainWritesAndRemovingItWritesNothing() {
        String user = "rewatcher-" + UUID.randomUUID();
        send("PUT", 1, user);
        rate(user, 1, "{\"stars\":3.5}");

        ApiGatewayEvents.Response removed = send("DELETE", 1, user);
        ApiGatewayEvents.Response readded = send("PUT", 1, user);

        assertThat(removed.statusCode())
                .as("already off the list by the rating")
                .isEqualTo(200);
        assertThat(readded.statusCode()).as("listed again, for a rewatch").isEqualTo(202);
        assertThat(json(readded).get("streamVersion").asInt()).isEqualTo(2);
        assertThat(events(user))
                .containsExactly(
                        "MovieWatchlisted watchlist 1 v1",
                        "RatingSubmitted rating 1 v1",
                        "MovieWatchlisted watchlist 1 v2");
    }

    @Test
    void aDiaryViewingStaysInTheRatingStreamAndItsStarsTakeTheFilmOffTheList() {
        String user = "diarist-" + UUID.randomUUID();
        send("PUT", 1, user);

        ApiGatewayEvents.Response logged = logViewing(user, 1, ",\"stars\":4");
        ApiGatewayEvents.Response removed = send("DELETE", 1, user);
        ApiGatewayEvents.Response again = logViewing(user, 1, "");

        assertThat(logged.statusCode()).isEqualTo(201);
        assertThat(json(logged).get("streamVersion").asInt())
                .as("the rating stream's versions: the watchlist's event is not counted")
                .isEqualTo(2);
        assertThat(removed.statusCode())
                .as("already off the list: the viewing's stars set the rating")
                .isEqualTo(200);
        assertThat(json(again).get("streamVersion").asInt()).isEqualTo(3);
        assertThat(events(user))
                .containsExactly(
                        "MovieWatchlisted watchlist 1 v1",
                        "DiaryEntryLogged rating 1 v1",
                        "RatingSubmitted rating 1 v2",
                        "DiaryEntryLogged rating 1 v3");
    }

    @Test
    void aTokenChangesOnlyItsOwnList() {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        send("PUT", 318, owner);

        ApiGatewayEvents.Response othersRemoval = send("DELETE", 318, other);

        assertThat(othersRemoval.statusCode()).isEqualTo(200);
        assertThat(json(othersRemoval).get("onWatchlist").asBoolean()).isFalse();
        assertThat(events(other)).isEmpty();
        assertThat(events(owner)).containsExactly("MovieWatchlisted watchlist 318 v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "0", "abc", "-1", "1e3", "99999999999999999999"})
    void anUnknownOrMalformedMovieIsA404ProblemAndWritesNothing(String movie) {
        String user = "lost-" + UUID.randomUUID();
        long before = env.eventCount();

        ApiGatewayEvents.Response put = send("PUT", movie, user);
        ApiGatewayEvents.Response delete = send("DELETE", movie, user);

        for (ApiGatewayEvents.Response response : List.of(put, delete)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        }
        assertThat(env.eventCount()).isEqualTo(before);
    }

    @Test
    void withoutATokenNothingIsWritten() {
        long before = env.eventCount();
        ApiGatewayEvents.Response response = ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(request("PUT", "318", null))));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(env.eventCount()).isEqualTo(before);
    }

    @Test
    void erasureTakesEveryListedFilmOffWithTheErasuresId() {
        String user = "leaving-lister-" + UUID.randomUUID();
        send("PUT", 1, user);
        send("PUT", 318, user);
        send("DELETE", 318, user);
        send("PUT", 2571, user);
        rate(user, 2571, "{\"stars\":5}");

        ApiGatewayEvents.Response erased = ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "DELETE", "DELETE /api/me", "/api/me", Map.of(), "", Map.of(), null, Map.of("sub", user)))));

        assertThat(erased.statusCode()).isEqualTo(202);
        String erasureId = json(erased).get("erasureId").asString();
        assertThat(env.jdbc
                        .sql(ERASED_STREAMS)
                        .params(user, erasureId)
                        .query(String.class)
                        .list())
                .as("listed streams (1, and 2571 listed before its rating) closed by the erasure; 318 was off")
                .containsExactly("1 v2", "2571 v2");
    }

    private static final String EVENTS = """
            select event_type || ' ' || stream || ' ' || movie_id || ' v' || stream_version
            from rating_events where user_id = ? order by position""";
    private static final String ERASURE_OF_VERSION_2 = """
            select payload ->> 'erasureId' from rating_events where user_id = ? and stream_version = 2""";
    private static final String ERASED_STREAMS = """
            select movie_id || ' v' || stream_version from rating_events
            where user_id = ? and event_type = 'MovieUnwatchlisted' and payload ->> 'erasureId' = ?
            order by movie_id""";

    private List<String> events(String user) {
        return env.jdbc.sql(EVENTS).param(user).query(String.class).list();
    }

    private static JsonNode json(ApiGatewayEvents.Response response) {
        return JSON.readTree(response.body());
    }

    private ApiGatewayEvents.Response rate(String user, long movie, String body) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "PUT",
                        "PUT /api/movies/{id}/rating",
                        "/api/movies/" + movie + "/rating",
                        Map.of("id", Long.toString(movie)),
                        "",
                        Map.of("content-type", "application/json"),
                        body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }

    private ApiGatewayEvents.Response logViewing(String user, long movie, String stars) {
        String body = "{\"movieId\":" + movie + ",\"watchedOn\":\"2024-02-29\",\"rewatch\":false" + stars + "}";
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "POST",
                        "POST /api/me/diary",
                        "/api/me/diary",
                        Map.of(),
                        "",
                        Map.of("content-type", "application/json"),
                        body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }

    private ApiGatewayEvents.Response send(String method, long movie, String user) {
        return send(method, Long.toString(movie), user);
    }

    private ApiGatewayEvents.Response send(String method, String movie, String user) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(request(method, movie, user))));
    }

    private static ApiGatewayEvents.Request request(String method, String movie, String user) {
        return new ApiGatewayEvents.Request(
                method,
                method + " /api/me/watchlist/{movieId}",
                "/api/me/watchlist/" + movie,
                Map.of("movieId", movie),
                "",
                Map.of(),
                null,
                user == null ? null : Map.of("sub", user));
    }
}
