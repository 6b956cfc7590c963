package dev.movieratings.command.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The tag commands (issue 19) through the real command function and PostgreSQL: idempotent in both directions and
 * case-insensitive, the text in the personal store and never in an event, the caller's own tags only, a stream of
 * their own, bad tags refused with a problem and nothing written, and erasure closing each tag stream and deleting
 * the texts.
 */
class TagCommandsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busUp() {
        env.busAccepts();
    }

    @Test
    void addingAndRemovingAreIdempotentCaseInsensitiveAndKeepTheTextOutOfTheEvents() {
        String user = "tagger-" + UUID.randomUUID();

        ApiGatewayEvents.Response added = add(user, 318, "  Prison  Break\u0301 ");
        ApiGatewayEvents.Response again = add(user, 318, "PRISON  BREAK\u0301");

        assertThat(added.statusCode()).isEqualTo(202);
        assertThat(json(added).get("tag").asString()).isEqualTo("Prison  Break\u0301".replace("k\u0301", "\u1e31"));
        assertThat(json(added).get("streamVersion").asInt()).isEqualTo(1);
        assertThat(again.statusCode())
                .as("the same tag in another case: nothing written")
                .isEqualTo(200);
        assertThat(events(user)).containsExactly("MovieTagged tag 318 v1");
        assertThat(env.jdbc
                        .sql("select payload::text from rating_events where user_id = ?")
                        .param(user)
                        .query(String.class)
                        .single())
                .doesNotContainIgnoringCase("prison");
        assertThat(texts(user)).containsExactly("Prison  Brea\u1e31");

        ApiGatewayEvents.Response removed = remove(user, 318, "prison  brea\u1e31");
        ApiGatewayEvents.Response removedAgain = remove(user, 318, "prison  break\u0301");

        assertThat(removed.statusCode()).isEqualTo(202);
        assertThat(json(removed).get("tagged").asBoolean()).isFalse();
        assertThat(removedAgain.statusCode()).isEqualTo(200);
        assertThat(events(user)).containsExactly("MovieTagged tag 318 v1", "MovieUntagged tag 318 v2");
        assertThat(texts(user)).as("the text goes with the tag").isEmpty();

        ApiGatewayEvents.Response readded = add(user, 318, "prison break\u0301");
        assertThat(readded.statusCode()).isEqualTo(202);
        assertThat(json(readded).get("streamVersion").asInt()).isEqualTo(3);
    }

    @Test
    void theTagStreamHasItsOwnVersionsAndAnotherPersonsRemovalChangesNothing() {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        add(owner, 1, "pixar");
        add(owner, 1, "toys");

        ApiGatewayEvents.Response othersRemoval = remove(other, 1, "pixar");

        assertThat(othersRemoval.statusCode()).isEqualTo(200);
        assertThat(events(other)).isEmpty();
        assertThat(events(owner)).containsExactly("MovieTagged tag 1 v1", "MovieTagged tag 1 v2");
        assertThat(texts(owner)).containsExactlyInAnyOrder("pixar", "toys");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "   ", "line\nbreak", "tab\there", "rtl\u202Eoverride", "zero\u200Bwidth", "\uE000private"})
    void aBadTagIsA422ProblemNamingTheFieldAndWritesNothing(String tag) {
        String user = "bad-" + UUID.randomUUID();
        long before = env.eventCount();

        ApiGatewayEvents.Response response = add(user, 318, tag);

        assertThat(response.statusCode())
                .as("an invalid field, as a bad review text")
                .isEqualTo(422);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("tag");
        assertThat(env.eventCount()).isEqualTo(before);
        assertThat(texts(user)).isEmpty();
    }

    @Test
    void aTooLongTagAnUnknownFieldAndAMissingTagAreRefused() {
        String user = "long-" + UUID.randomUUID();
        long before = env.eventCount();

        assertThat(add(user, 318, "x".repeat(101)).statusCode()).isEqualTo(422);
        assertThat(add(user, 318, "x".repeat(16 * 1024)).statusCode()).isEqualTo(413);
        assertThat(send(user, "POST", "318", "{\"tag\":\"a\",\"owner\":\"bob\"}", null)
                        .statusCode())
                .isBetween(400, 422);
        assertThat(send(user, "POST", "318", "{\"tag\":5}", null).statusCode()).isEqualTo(422);
        assertThat(send(user, "DELETE", "318", null, null).statusCode()).isEqualTo(400);
        assertThat(add(user, 999999999, "good").statusCode()).isEqualTo(404);
        assertThat(send(user, "POST", "abc", "{\"tag\":\"a\"}", null).statusCode())
                .isEqualTo(404);
        assertThat(env.eventCount()).isEqualTo(before);
    }

    @Test
    void erasureClosesEveryTagStreamWithTheErasuresIdAndDeletesTheTexts() {
        String user = "leaving-tagger-" + UUID.randomUUID();
        add(user, 1, "pixar");
        add(user, 318, "prison");
        remove(user, 318, "prison");

        ApiGatewayEvents.Response erased = ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "DELETE", "DELETE /api/me", "/api/me", Map.of(), "", Map.of(), null, Map.of("sub", user)))));

        assertThat(erased.statusCode()).isEqualTo(202);
        String erasureId = json(erased).get("erasureId").asString();
        assertThat(env.jdbc.sql("""
                        select movie_id || ' v' || stream_version from rating_events
                        where user_id = ? and event_type = 'MovieUntagged' and payload ->> 'erasureId' = ?
                          and payload -> 'tagId' = 'null'::jsonb
                        order by movie_id""").params(user, erasureId).query(String.class).list())
                .containsExactly("1 v2", "318 v3");
        assertThat(texts(user)).isEmpty();
    }

    private static final String EVENTS = """
            select event_type || ' ' || stream || ' ' || movie_id || ' v' || stream_version
            from rating_events where user_id = ? order by position""";

    private List<String> events(String user) {
        return env.jdbc.sql(EVENTS).param(user).query(String.class).list();
    }

    private List<String> texts(String user) {
        return env.jdbc
                .sql("select text from personal.tags where user_id = ?")
                .param(user)
                .query(String.class)
                .list();
    }

    private static JsonNode json(ApiGatewayEvents.Response response) {
        return JSON.readTree(response.body());
    }

    private ApiGatewayEvents.Response add(String user, long movie, String tag) {
        String body = JsonNodeFactory.instance.objectNode().put("tag", tag).toString();
        return send(user, "POST", Long.toString(movie), body, null);
    }

    private ApiGatewayEvents.Response remove(String user, long movie, String tag) {
        return send(
                user, "DELETE", Long.toString(movie), null, "tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
    }

    private ApiGatewayEvents.Response send(
            String user, String method, String movie, @Nullable String body, @Nullable String query) {
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " /api/me/tags/{movieId}",
                        "/api/me/tags/" + movie,
                        Map.of("movieId", movie),
                        query == null ? "" : query,
                        body == null ? Map.of() : Map.of("content-type", "application/json"),
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", user)))));
    }
}
