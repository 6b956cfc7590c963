package dev.movieratings.command.http;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

        assertThat(JSON.readTree(send("DELETE", "/api/me", user, null).body())
                        .get("streams")
                        .asInt())
                .as("erasing again appends nothing")
                .isZero();
        JsonNode export =
                JSON.readTree(send("GET", "/api/me/export", user, null).body());
        assertThat(export.get("profile").isNull()).isTrue();
        assertThat(export.get("ratings")).isEmpty();
        assertThat(setName("someone-else-" + UUID.randomUUID(), name).statusCode())
                .as("the erased name is free again")
                .isEqualTo(200);
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

    private ApiGatewayEvents.Response send(String method, String path, String user, String body) {
        String route = path.startsWith("/api/movies/") ? "/api/movies/{id}/rating" : path;
        Map<String, String> parameters = path.startsWith("/api/movies/") ? Map.of("id", path.split("/")[3]) : Map.of();
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " " + route,
                        path,
                        parameters,
                        "",
                        body == null ? Map.of() : Map.of("content-type", "application/json"),
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user, "preferred_username", "Token Name " + user)))));
    }

    private static void assertProblem(ApiGatewayEvents.Response response, int status) {
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString()).isNotBlank();
    }
}
