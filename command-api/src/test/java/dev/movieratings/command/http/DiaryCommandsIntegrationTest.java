package dev.movieratings.command.http;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The diary's commands through the real command function: a viewing with stars sets the rating through
 * the rating's own decision (one current rating, half stars only, the review kept), edits and deletions
 * are the owner's alone (another person's entry is a 404, like one that never existed), bad input
 * changes nothing, and the note stays out of every event and goes with the person.
 */
class DiaryCommandsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busUp() {
        env.busAccepts();
    }

    @Test
    void aViewingWithStarsSetsTheRatingThroughTheRatingsOwnPath() {
        String user = "viewer-" + UUID.randomUUID();
        assertThat(rate(user, 318, "{\"stars\":4,\"review\":{\"text\":\"First words\",\"spoiler\":true}}")
                        .statusCode())
                .isEqualTo(202);

        ApiGatewayEvents.Response logged = log(user, 318, "2024-02-29", true, "2.5", null, "with Ann");

        assertThat(logged.statusCode()).as(text(logged)).isEqualTo(201);
        JsonNode answer = JSON.readTree(logged.body());
        String entryId = answer.get("entryId").asString();
        assertThat(logged.headers()).containsEntry("location", "/api/me/diary/" + entryId);
        assertThat(answer.get("streamVersion").asInt())
                .as("the rating's, after the diary's")
                .isEqualTo(3);
        assertThat(events(user))
                .containsExactly(
                        "1 RatingSubmitted 4.0 null", "2 DiaryEntryLogged 2.5 null", "3 RatingSubmitted 2.5 4.0");
        assertThat(env.jdbc
                        .sql("select stream_version || ' ' || text from personal.review_texts where user_id = ?")
                        .param(user)
                        .query(String.class)
                        .single())
                .as("a rating set from the diary keeps the review")
                .isEqualTo("3 First words");
        assertThat(payloadOf(user, 3).get("review").get("spoiler").asBoolean()).isTrue();
        assertThat(payloadOf(user, 3).get("channel").asString()).isEqualTo("diary");

        ApiGatewayEvents.Response same = log(user, 318, "2024-03-01", true, "2.5", null, null);
        assertThat(same.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(same.body()).get("ratingSet").asBoolean()).isFalse();
        assertThat(events(user))
                .as("the same stars again: a viewing, no rating event")
                .hasSize(4);

        ApiGatewayEvents.Response thirds = log(user, 318, "2024-03-02", true, "3.3", null, null);
        assertProblem(thirds, 422);
        assertThat(JSON.readTree(thirds.body()).get("field").asString()).isEqualTo("stars");
        assertThat(events(user)).hasSize(4);
    }

    @Test
    void editsAndDeletionsAreTheOwnersAloneAndADeletionKeepsTheRating() {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String entry = JSON.readTree(log(owner, 2571, "2020-01-01", false, "4.5", null, "mine")
                        .body())
                .get("entryId")
                .asString();
        int before = events(owner).size();

        assertProblem(
                send("PUT", "/api/me/diary/" + entry, other, body(null, "2020-01-02", false, null, null, null)), 404);
        assertProblem(send("DELETE", "/api/me/diary/" + entry, other, null), 404);
        assertProblem(send("DELETE", "/api/me/diary/" + UUID.randomUUID(), owner, null), 404);
        assertProblem(send("DELETE", "/api/me/diary/not-a-uuid", owner, null), 404);
        assertThat(events(owner)).hasSize(before);

        ApiGatewayEvents.Response edited =
                send("PUT", "/api/me/diary/" + entry, owner, body(null, "2020-01-02", true, "5", null, null));
        assertThat(edited.statusCode()).as(text(edited)).isEqualTo(200);
        assertThat(events(owner)).endsWith("3 DiaryEntryEdited 5.0 null", "4 RatingSubmitted 5.0 4.5");
        assertThat(noteOf(entry))
                .as("a PUT replaces the whole entry: no note given, none kept")
                .isNull();

        assertThat(send("DELETE", "/api/me/diary/" + entry, owner, null).statusCode())
                .isEqualTo(200);
        assertThat(send("DELETE", "/api/me/diary/" + entry, owner, null).statusCode())
                .as("again: nothing to do")
                .isEqualTo(200);
        assertThat(events(owner)).endsWith("4 RatingSubmitted 5.0 4.5", "5 DiaryEntryDeleted null null");
        assertProblem(
                send("PUT", "/api/me/diary/" + entry, owner, body(null, "2020-01-02", true, null, null, null)), 404);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String user = "hostile-" + UUID.randomUUID();
        String tomorrow = LocalDate.now(ZoneOffset.ofHours(14)).plusDays(1).toString();
        List<String> bodies = List.of(
                body(318L, "0000-00-00", false, null, null, null),
                body(318L, "+999999999-12-31", false, null, null, null),
                body(318L, "1869-12-31", false, null, null, null),
                body(318L, tomorrow, false, null, null, null),
                body(318L, "2020-02-30", false, null, null, null),
                body(318L, "2020-01-01", false, "0", null, null),
                body(318L, "2020-01-01", false, "1e400", null, null),
                body(318L, "2020-01-01", false, null, "{\"text\":\"no stars\"}", null),
                body(318L, "2020-01-01", false, null, null, "x".repeat(2_001)),
                body(318L, "2020-01-01", false, null, null, "bidi \u202e override"),
                body(318L, "2020-01-01", false, null, null, "x".repeat(16_500)),
                "{\"movieId\":318,\"watchedOn\":\"2020-01-01\"}",
                "{\"movieId\":318,\"watchedOn\":\"2020-01-01\",\"rewatch\":\"yes\"}",
                "{\"movieId\":318,\"watchedOn\":20200101,\"rewatch\":false}",
                "{\"movieId\":318,\"watchedOn\":\"2020-01-01\",\"rewatch\":false,\"admin\":true}",
                "{\"movieId\":99999999999999999999999,\"watchedOn\":\"2020-01-01\",\"rewatch\":false}",
                "{\"movieId\":0,\"watchedOn\":\"2020-01-01\",\"rewatch\":false}",
                "{\"movieId\":987654321,\"watchedOn\":\"2020-01-01\",\"rewatch\":false}",
                "[]",
                "");
        for (String body : bodies) {
            ApiGatewayEvents.Response refused = send("POST", "/api/me/diary", user, body);
            assertThat(refused.statusCode())
                    .as("%s -> %s", body.length() > 80 ? body.substring(0, 80) : body, text(refused))
                    .isBetween(400, 499);
            assertThat(refused.headers()).containsEntry("content-type", "application/problem+json");
        }
        assertThat(events(user)).isEmpty();
        assertThat(env.jdbc
                        .sql("select count(*) from personal.diary_notes where user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theNoteIsInNoEventGoesIntoTheExportAndLeavesWithThePerson() {
        String user = "noter-" + UUID.randomUUID();
        String note = "Saw it with my sister " + UUID.randomUUID();
        String entry = JSON.readTree(
                        log(user, 1, "2019-07-14", false, null, null, note).body())
                .get("entryId")
                .asString();

        assertThat(noteOf(entry)).isEqualTo(note);
        assertThat(env.jdbc
                        .sql("select count(*) from rating_events where payload::text like ?")
                        .param("%" + note + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(env.bus.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                        .map(LoggedRequest::getBodyAsString)
                        .filter(body -> body.contains(note))
                        .count())
                .isZero();

        JsonNode diary =
                JSON.readTree(send("GET", "/api/me/export", user, null).body()).get("diary");
        assertThat(diary).hasSize(1);
        assertThat(diary.get(0).get("entryId").asString()).isEqualTo(entry);
        assertThat(diary.get(0).get("watchedOn").asString()).isEqualTo("2019-07-14");
        assertThat(diary.get(0).get("note").asString()).isEqualTo(note);

        ApiGatewayEvents.Response erased = send("DELETE", "/api/me", user, null);

        assertThat(erased.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(erased.body()).get("streams").asInt())
                .as("a stream that holds only a viewing is erased too")
                .isEqualTo(1);
        assertThat(noteOf(entry)).isNull();
        assertThat(events(user)).endsWith("2 RatingErased null null", "1 PersonErased null null");
        assertThat(JSON.readTree(send("GET", "/api/me/export", user, null).body())
                        .get("diary"))
                .as("the entry is before the erasure: gone")
                .isEmpty();
    }

    @Test
    void aReplayedKeyAnswersAsTheFirstTimeAndWritesNothing() {
        String user = "replayer-" + UUID.randomUUID();
        String body = body(318L, "2021-05-05", false, "3", null, null);
        ApiGatewayEvents.Response first = send("POST", "/api/me/diary", user, body, "key-1");
        ApiGatewayEvents.Response again = send("POST", "/api/me/diary", user, body, "key-1");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(events(user)).hasSize(2);
        assertProblem(send("POST", "/api/me/diary", user, body.replace("2021-05-05", "2021-05-06"), "key-1"), 422);
    }

    private ApiGatewayEvents.Response log(
            String user,
            long movie,
            String on,
            boolean rewatch,
            @Nullable String stars,
            @Nullable String review,
            @Nullable String note) {
        return send("POST", "/api/me/diary", user, body(movie, on, rewatch, stars, review, note));
    }

    private static String body(
            @Nullable Long movie,
            String on,
            boolean rewatch,
            @Nullable String stars,
            @Nullable String review,
            @Nullable String note) {
        return "{" + (movie == null ? "" : "\"movieId\":" + movie + ",") + "\"watchedOn\":\"" + on + "\",\"rewatch\":"
                + rewatch + (stars == null ? "" : ",\"stars\":" + stars)
                + (review == null ? "" : ",\"review\":" + review)
                + (note == null ? "" : ",\"note\":" + JSON.writeValueAsString(note)) + "}";
    }

    /** Each event of the user: version, type, stars it carries and the stars it replaced. */
    private List<String> events(String user) {
        return env.jdbc
                .sql("select stream_version || ' ' || event_type || ' ' || coalesce(payload ->> 'stars', 'null') || ' '"
                        + " || coalesce(payload ->> 'previousStars', 'null') from rating_events where user_id = ?"
                        + " order by position")
                .param(user)
                .query(String.class)
                .list();
    }

    private JsonNode payloadOf(String user, int version) {
        return JSON.readTree(env.jdbc
                .sql("select payload::text from rating_events where user_id = ? and stream_version = ?")
                .params(user, version)
                .query(String.class)
                .single());
    }

    private @Nullable String noteOf(String entry) {
        return env.jdbc
                .sql("select text from personal.diary_notes where entry_id = ?::uuid")
                .param(entry)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private ApiGatewayEvents.Response rate(String user, long movie, String body) {
        return send("PUT", "/api/movies/" + movie + "/rating", user, body);
    }

    private ApiGatewayEvents.Response send(String method, String path, String user, @Nullable String body) {
        return send(method, path, user, body, null);
    }

    private ApiGatewayEvents.Response send(
            String method, String path, String user, @Nullable String body, @Nullable String key) {
        String route;
        Map<String, String> parameters;
        if (path.startsWith("/api/movies/")) {
            route = "/api/movies/{id}/rating";
            parameters = Map.of("id", path.split("/")[3]);
        } else if (path.startsWith("/api/me/diary/")) {
            route = "/api/me/diary/{entryId}";
            parameters = Map.of("entryId", path.substring("/api/me/diary/".length()));
        } else {
            route = path;
            parameters = Map.of();
        }
        Map<String, String> headers = new java.util.HashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " " + route,
                        path,
                        parameters,
                        "",
                        headers,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }

    private static String text(ApiGatewayEvents.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertProblem(ApiGatewayEvents.Response response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isNotBlank();
    }
}
