package dev.movieratings.command.http;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
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
 * A person's own data through the real command function: the display name they choose (never the
 * token's), review text kept out of events and the bus, a copy of everything, and erasure that leaves
 * no text or name of theirs in any table or view while every event stays as it was.
 */
class PersonalDataIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busUp() {
        env.busAccepts();
    }

    @Test
    void theNameShownIsTheOneChosenNeverTheTokens() {
        String user = "named-" + UUID.randomUUID();
        assertThat(rate(user, 1, "{\"stars\":4}").statusCode()).isEqualTo(202);
        assertThat(tablesContaining("Token Name " + user))
                .as("the token's name claim is kept nowhere")
                .isEmpty();
        assertThat(JSON.readTree(send("GET", "/api/me/profile", user, null).body())
                        .get("displayName")
                        .isNull())
                .isTrue();

        String chosen = "Zoë " + letters(user);
        ApiGatewayEvents.Response saved =
                send("PUT", "/api/me/profile", user, "{\"displayName\":\"  " + chosen + "\"}");

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.headers()).containsEntry("cache-control", "no-store");
        assertThat(JSON.readTree(send("GET", "/api/me/profile", user, null).body())
                        .get("displayName")
                        .asString())
                .isEqualTo(chosen);
    }

    @Test
    void aNameThatLooksLikeAnothersIsRefusedAndTheirOwnCanChangeCase() {
        String suffix = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        String alice = "alice-" + UUID.randomUUID();
        String mallory = "mallory-" + UUID.randomUUID();
        assertThat(setName(alice, "Alice" + suffix).statusCode()).isEqualTo(200);

        for (String lookalike : List.of("ALICE" + suffix, "AIice" + suffix, "Al\u0131ce" + suffix)) {
            ApiGatewayEvents.Response refused = setName(mallory, lookalike);
            assertProblem(refused, 409);
        }
        assertThat(setName(mallory, "Mallory" + suffix).statusCode()).isEqualTo(200);
        assertThat(setName(alice, "ALICE" + suffix).statusCode())
                .as("one's own name, in capitals")
                .isEqualTo(200);
        assertThat(env.jdbc
                        .sql("select display_name from personal.profiles where user_id = ?")
                        .param(mallory)
                        .query(String.class)
                        .single())
                .isEqualTo("Mallory" + suffix);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"displayName\":\"Al\"}",
                "{\"displayName\":\"Ali\\u202Ece\"}",
                "{\"displayName\":\"Ali\\u200Bce\"}",
                "{\"displayName\":\"pаypal\"}",
                "{\"displayName\":42}",
                "{\"displayName\":\"Alice\",\"admin\":true}",
                "{\"displayName\":\"Anonymous\"}"
            })
    void aBadNameIsA422NamingTheFieldAndChangesNothing(String body) {
        String user = "bad-name-" + UUID.randomUUID();
        assertThat(setName(user, "Before " + letters(user)).statusCode()).isEqualTo(200);
        String before = profileRow(user);

        ApiGatewayEvents.Response refused = send("PUT", "/api/me/profile", user, body);

        assertProblem(refused, 422);
        assertThat(refused.body().length).isLessThan(2_048);
        assertThat(profileRow(user)).isEqualTo(before);
    }

    @Test
    void reviewTextIsKeptOutOfEventsAndTheBusAndOnlyTheCurrentOneIsKept() {
        String user = "reviewer-" + UUID.randomUUID();
        String first = "First words " + UUID.randomUUID();
        String second = "Second words " + UUID.randomUUID();

        rate(user, 318, "{\"stars\":4,\"review\":{\"text\":\"" + first + "\",\"spoiler\":true}}");
        rate(user, 318, "{\"stars\":4.5,\"review\":{\"text\":\"" + second + "\"}}");

        assertThat(tablesContaining(first))
                .as("a replaced text is kept nowhere")
                .isEmpty();
        assertThat(tablesContaining(second)).containsExactly("personal.review_texts");
        assertThat(busRequestsContaining(first) + busRequestsContaining(second)).isZero();
        assertThat(env.jdbc
                        .sql("select payload -> 'review' ->> 'spoiler' from rating_events where user_id = ?"
                                + " order by position")
                        .param(user)
                        .query(String.class)
                        .list())
                .containsExactly("true", "false");

        send("DELETE", "/api/movies/318/rating", user, null);
        assertThat(tablesContaining(second))
                .as("a withdrawn review's text is kept nowhere")
                .isEmpty();
    }

    @Test
    void theExportHoldsEveryRatingReviewAndProfileField() {
        String user = "exporter-" + UUID.randomUUID();
        String text = "Exported words " + UUID.randomUUID();
        setName(user, "Exporter " + letters(user));
        rate(user, 1, "{\"stars\":3}");
        rate(user, 1, "{\"stars\":3.5,\"review\":{\"text\":\"" + text + "\",\"spoiler\":true}}");
        rate(user, 2571, "{\"stars\":5}");
        send("DELETE", "/api/movies/2571/rating", user, null);

        ApiGatewayEvents.Response response = send("GET", "/api/me/export", user, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("cache-control", "no-store");
        JsonNode export = JSON.readTree(response.body());
        assertThat(export.get("userId").asString()).isEqualTo(user);
        assertThat(export.get("profile").get("displayName").asString()).startsWith("Exporter ");
        assertThat(export.get("ratings")).hasSize(1);
        JsonNode rating = export.get("ratings").get(0);
        assertThat(rating.get("movieId").asLong()).isEqualTo(1);
        assertThat(rating.get("stars").asDouble()).isEqualTo(3.5);
        assertThat(rating.get("review").get("text").asString()).isEqualTo(text);
        assertThat(rating.get("review").get("spoiler").asBoolean()).isTrue();
        List<String> history = new ArrayList<>();
        export.get("events")
                .forEach(e -> history.add(e.get("type").asString() + " "
                        + e.get("movieId").asLong() + " v"
                        + e.get("streamVersion").asInt() + " " + e.get("stars").asDouble(0)));
        assertThat(history)
                .containsExactly(
                        "RatingSubmitted 1 v1 3.0",
                        "RatingSubmitted 1 v2 3.5",
                        "RatingSubmitted 2571 v1 5.0",
                        "RatingRetracted 2571 v2 0.0");
    }

    /**
     * The export holds what the person wrote and did in the other streams too: each tag with its text as written
     * (kept only in the personal store, the events carry its id), the films on the watchlist, the helpful votes
     * that stand (without the author's id: another person's), and the review's id and write time.
     */
    @Test
    void theExportHoldsTagTextsTheWatchlistAndTheVotesThatStand() {
        String user = "exporter-" + UUID.randomUUID();
        String author = "author-" + UUID.randomUUID();
        String tag = "Rainy Sunday " + letters(user);
        rate(user, 1, "{\"stars\":4,\"review\":{\"text\":\"Mine " + user + "\"}}");
        rate(author, 318, "{\"stars\":5,\"review\":{\"text\":\"Theirs " + author + "\"}}");
        String reviewId = env.jdbc
                .sql("select review_id::text from personal.review_texts where user_id = ?")
                .param(author)
                .query(String.class)
                .single();
        assertThat(call(
                                "POST",
                                "/api/me/tags/{movieId}",
                                "/api/me/tags/318",
                                Map.of("movieId", "318"),
                                user,
                                "{\"tag\":\"" + tag + "\"}")
                        .statusCode())
                .isEqualTo(202);
        call("POST", "/api/me/tags/{movieId}", "/api/me/tags/1", Map.of("movieId", "1"), user, "{\"tag\":\"gone\"}");
        call("DELETE", "/api/me/tags/{movieId}", "/api/me/tags/1", Map.of("movieId", "1"), user, null, "tag=gone");
        call("PUT", "/api/me/watchlist/{movieId}", "/api/me/watchlist/2571", Map.of("movieId", "2571"), user, null);
        call("PUT", "/api/me/watchlist/{movieId}", "/api/me/watchlist/858", Map.of("movieId", "858"), user, null);
        call("DELETE", "/api/me/watchlist/{movieId}", "/api/me/watchlist/858", Map.of("movieId", "858"), user, null);
        assertThat(call(
                                "PUT",
                                "/api/movies/{id}/reviews/{reviewId}/helpful",
                                "/api/movies/318/reviews/" + reviewId + "/helpful",
                                Map.of("id", "318", "reviewId", reviewId),
                                user,
                                null)
                        .statusCode())
                .isEqualTo(202);

        JsonNode export =
                JSON.readTree(send("GET", "/api/me/export", user, null).body());

        assertThat(export.get("tags")).hasSize(1);
        assertThat(export.get("tags").get(0).get("movieId").asLong()).isEqualTo(318);
        assertThat(export.get("tags").get(0).get("text").asString()).isEqualTo(tag);
        assertThat(export.get("tags").get(0).get("taggedAt").isNull()).isFalse();
        assertThat(export.get("watchlist")).hasSize(1);
        assertThat(export.get("watchlist").get(0).get("movieId").asLong()).isEqualTo(2571);
        assertThat(export.get("helpfulVotes")).hasSize(1);
        assertThat(export.get("helpfulVotes").get(0).get("reviewId").asString()).isEqualTo(reviewId);
        assertThat(export.get("ratings").get(0).get("review").get("reviewId").isNull())
                .isFalse();
        assertThat(export.toString())
                .as("the author's id is theirs, not the voter's to take")
                .doesNotContain(author);
        List<String> tagEvents = new ArrayList<>();
        export.get("events").forEach(e -> {
            if (e.get("type").asString().matches("Movie(Un)?[Tt]agged")) {
                tagEvents.add(e.get("type").asString() + " " + !e.get("tagId").isNull());
            }
        });
        assertThat(tagEvents).containsExactly("MovieTagged true", "MovieTagged true", "MovieUntagged true");
    }

    @Test
    void erasureLeavesNoTextOrNameAnywhereAndChangesNoEvent() {
        String user = "leaver-" + UUID.randomUUID();
        String name = "Leaver " + letters(user);
        String text = "Words to forget " + UUID.randomUUID();
        setName(user, name);
        rate(user, 1, "{\"stars\":2,\"review\":{\"text\":\"" + text + "\"}}");
        rate(user, 318, "{\"stars\":5}");
        rate(user, 2571, "{\"stars\":1}");
        send("DELETE", "/api/movies/2571/rating", user, null);
        List<String> eventsBefore = events(user);
        assertThat(tablesContaining(text)).isNotEmpty();
        assertThat(tablesContaining(name)).isNotEmpty();

        ApiGatewayEvents.Response erased = send("DELETE", "/api/me", user, null);

        assertThat(erased.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(erased.body());
        assertThat(answer.get("streams").asInt()).isEqualTo(3);
        assertThat(tablesContaining(text)).as("tables holding the review text").isEmpty();
        assertThat(tablesContaining(name)).as("tables holding the display name").isEmpty();
        assertThat(busRequestsContaining(text) + busRequestsContaining(name)).isZero();
        List<String> eventsAfter = events(user);
        assertThat(eventsAfter.subList(0, eventsBefore.size()))
                .as("no event changed")
                .isEqualTo(eventsBefore);
        assertThat(env.jdbc.sql("""
                                select movie_id || ' ' || coalesce(payload ->> 'previousStars', 'none')
                                  || ' ' || (payload ->> 'erasureId')
                                from rating_events where user_id = ? and event_type = 'RatingErased'
                                order by movie_id""").param(user).query(String.class).list())
                .as("every stream ends in one erasure, with what it removed from the scores")
                .containsExactly(
                        "1 2.0 " + answer.get("erasureId").asString(),
                        "318 5.0 " + answer.get("erasureId").asString(),
                        "2571 none " + answer.get("erasureId").asString());
        assertThat(busRequestsContaining(answer.get("erasureId").asString()))
                .as("the erasure's events went to the bus")
                .isPositive();

        assertThat(personErasures(user))
                .as("one audit record on the person stream, counting the three closing events")
                .containsExactly("1 " + answer.get("erasureId").asString() + " 3 null");
        List<String> afterFirst = events(user);
        JsonNode again = JSON.readTree(send("DELETE", "/api/me", user, null).body());
        assertThat(again.get("streams").asInt())
                .as("erasing again closes nothing")
                .isZero();
        assertThat(again.get("erasureId").asString())
                .as("and answers with the erasure that did it")
                .isEqualTo(answer.get("erasureId").asString());
        assertThat(events(user)).as("erasing again appends nothing").isEqualTo(afterFirst);
        JsonNode export =
                JSON.readTree(send("GET", "/api/me/export", user, null).body());
        assertThat(export.get("profile").isNull()).isTrue();
        assertThat(export.get("ratings")).isEmpty();
        assertThat(setName("someone-else-" + UUID.randomUUID(), name).statusCode())
                .as("the erased name is free again")
                .isEqualTo(200);
    }

    /**
     * A person who only chose a name has no stream to close, and the name lives only in personal.profiles (no event
     * refers to it, so no rebuild can bring it back); their erasure still appends its audit record, a PersonErased on
     * their own stream, which belongs to no film, and publishes it. A name chosen after that is erased with a second.
     */
    @Test
    void erasingAPersonWhoOnlyChoseANameDeletesTheNameAndAppendsItsAuditRecord() {
        String user = "named-only-" + UUID.randomUUID();
        String name = "Only Named " + letters(user);
        setName(user, name);
        assertThat(tablesContaining(name)).containsExactly("personal.profiles");

        ApiGatewayEvents.Response erased = send("DELETE", "/api/me", user, null);

        assertThat(erased.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(erased.body());
        assertThat(answer.get("streams").asInt()).as("no stream to close").isZero();
        String erasureId = answer.get("erasureId").asString();
        assertThat(personErasures(user)).as("the audit record").containsExactly("1 " + erasureId + " 0 null");
        assertThat(events(user)).singleElement().asString().doesNotContain(name).doesNotContain("movieId");
        assertThat(busRequestsContaining(erasureId))
                .as("published like any event")
                .isPositive();
        assertThat(tablesContaining(name)).as("tables holding the display name").isEmpty();
        JsonNode export =
                JSON.readTree(send("GET", "/api/me/export", user, null).body());
        assertThat(export.get("profile").isNull()).isTrue();
        assertThat(export.get("events").get(0).get("type").asString()).isEqualTo("PersonErased");
        assertThat(export.get("events").get(0).get("movieId").isNull()).isTrue();

        assertThat(send("DELETE", "/api/me", user, null).statusCode()).isEqualTo(202);
        assertThat(personErasures(user))
                .as("nothing new to erase: no second record")
                .hasSize(1);
        setName(user, name);
        String second = JSON.readTree(send("DELETE", "/api/me", user, null).body())
                .get("erasureId")
                .asString();
        assertThat(personErasures(user))
                .as("a name chosen after the erasure is erased with a record of its own")
                .containsExactly("1 " + erasureId + " 0 null", "2 " + second + " 0 null");
        assertThat(tablesContaining(name)).isEmpty();
    }

    /** The person stream's events: version, erasure id, count of closing events, and the (null) movie id. */
    private List<String> personErasures(String user) {
        return env.jdbc.sql("""
                        select stream_version || ' ' || (payload ->> 'erasureId') || ' ' || (payload ->> 'streams')
                          || ' ' || coalesce(movie_id::text, 'null')
                        from rating_events where user_id = ? and stream = 'person' and event_type = 'PersonErased'
                        order by stream_version""").param(user).query(String.class).list();
    }

    @Test
    void aKeptFingerprintIsKeyedPerPersonAndErasureDestroysTheKey() {
        String alice = "keyed-" + UUID.randomUUID();
        String bob = "keyed-" + UUID.randomUUID();
        String body = "{\"stars\":4,\"review\":{\"text\":\"The same words, a guessable text\"}}";
        ApiGatewayEvents.Response first = rate(alice, 1, body, "key-1");
        assertThat(first.statusCode()).isLessThan(300);
        assertThat(rate(alice, 1, body, "key-1").body()).as("a replay").isEqualTo(first.body());
        assertProblem(rate(alice, 1, body.replace('4', '3'), "key-1"), 422);
        assertThat(rate(bob, 1, body, "key-1").statusCode()).isLessThan(300);

        assertThat(fingerprint(alice))
                .as("the same request of two people: a bare digest of it would be the same")
                .isNotEqualTo(fingerprint(bob));
        assertThat(send("DELETE", "/api/me", alice, null).statusCode()).isEqualTo(202);
        assertThat(env.jdbc
                        .sql("select count(*) from personal.request_keys where user_id in (?, ?)")
                        .params(alice, bob)
                        .query(Long.class)
                        .single())
                .as("only bob's key is left")
                .isOne();
    }

    private String fingerprint(String user) {
        return env.jdbc
                .sql("select request_fingerprint from rating_events where user_id = ? and idempotency_key = ?")
                .params(user, "key-1")
                .query(String.class)
                .single();
    }

    /** Sixteen letters from the user id's UUID (digits become g … p): a name no other test chose. */
    private static String letters(String user) {
        String hex = user.substring(user.length() - 16);
        StringBuilder letters = new StringBuilder();
        hex.chars().forEach(c -> letters.append((char) (Character.isDigit(c) ? 'g' + (c - '0') : c)));
        return letters.toString();
    }

    /** Every table and view, in every schema of ours, with a row whose text holds {@code needle}. */
    private List<String> tablesContaining(String needle) {
        List<String> tables = env.jdbc.sql("""
                        select format('%I.%I', table_schema, table_name) from information_schema.tables
                        where table_schema not in ('pg_catalog', 'information_schema')
                        order by 1""").query(String.class).list();
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            boolean found = env.jdbc
                    .sql("select exists (select 1 from " + table + " t where strpos(t::text, ?) > 0)")
                    .param(needle)
                    .query(Boolean.class)
                    .single();
            if (found) {
                holding.add(table);
            }
        }
        return holding;
    }

    private long busRequestsContaining(String needle) {
        return env.bus.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(body -> body.contains(needle))
                .count();
    }

    private List<String> events(String user) {
        return env.jdbc
                .sql("select position || ' ' || event_id || ' ' || schema_version || ' ' || payload::text"
                        + " from rating_events where user_id = ? order by position")
                .param(user)
                .query(String.class)
                .list();
    }

    private String profileRow(String user) {
        return env.jdbc
                .sql("select coalesce((select p::text from personal.profiles p where user_id = ?), 'none')")
                .param(user)
                .query(String.class)
                .single();
    }

    private ApiGatewayEvents.Response setName(String user, String name) {
        return send("PUT", "/api/me/profile", user, "{\"displayName\":\"" + name + "\"}");
    }

    private ApiGatewayEvents.Response rate(String user, long movie, String body) {
        return send("PUT", "/api/movies/" + movie + "/rating", user, body);
    }

    private ApiGatewayEvents.Response rate(String user, long movie, String body, String idempotencyKey) {
        return send("PUT", "/api/movies/" + movie + "/rating", user, body, Map.of("idempotency-key", idempotencyKey));
    }

    private ApiGatewayEvents.Response send(String method, String path, String user, String body) {
        return send(method, path, user, body, Map.of());
    }

    private ApiGatewayEvents.Response send(
            String method, String path, String user, String body, Map<String, String> headers) {
        Map<String, String> sent = new HashMap<>(headers);
        if (body != null) {
            sent.put("content-type", "application/json");
        }
        String route = path.startsWith("/api/movies/") ? "/api/movies/{id}/rating" : path;
        Map<String, String> parameters = path.startsWith("/api/movies/") ? Map.of("id", path.split("/")[3]) : Map.of();
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " " + route,
                        path,
                        parameters,
                        "",
                        sent,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user, "preferred_username", "Token Name " + user)))));
    }

    private ApiGatewayEvents.Response call(
            String method, String route, String path, Map<String, String> parameters, String user, String body) {
        return call(method, route, path, parameters, user, body, "");
    }

    private ApiGatewayEvents.Response call(
            String method,
            String route,
            String path,
            Map<String, String> parameters,
            String user,
            String body,
            String query) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " " + route,
                        path,
                        parameters,
                        query,
                        body == null ? Map.of() : Map.of("content-type", "application/json"),
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }

    private static void assertProblem(ApiGatewayEvents.Response response, int status) {
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isNotBlank();
    }
}
