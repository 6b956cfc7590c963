package dev.movieratings.command.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.movieratings.command.CommandApiTestEnvironment;
import dev.movieratings.embedded.ApiGatewayEvents;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RatingCommandsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CommandApiTestEnvironment env = CommandApiTestEnvironment.get();

    @BeforeEach
    void busIsUp() {
        env.busAccepts();
    }

    @Test
    void aRealApiGatewayEventCommitsTheEventAndPublishesItToEventBridge() throws IOException {
        String sample = resource("/aws-event-samples/apigw-http-v2-put-rating.json")
                .replace(
                        "6f1c2b9e-6d0a-4c1e-9a1b-2f0c9b7e5d11",
                        UUID.randomUUID().toString());

        ApiGatewayEvents.Response response = ApiGatewayEvents.parseResponse(env.ratingCommands.invoke(sample));

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(response.body());
        String eventId = body.get("eventId").asString();
        long position = body.get("position").asLong();
        Map<String, Object> row = env.jdbc
                .sql("select e.user_id, e.movie_id, e.event_type, e.stream_version, e.payload::text as payload,"
                        + " p.published_at is not null as published"
                        + " from rating_events e join event_publications p on p.position = e.position"
                        + " where e.position = ?")
                .param(position)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("user_id", "8b6f3f5e-2a51-4c1f-9d7e-0c4a1e2b3c4d")
                .containsEntry("movie_id", 318L)
                .containsEntry("stream_version", body.get("streamVersion").asInt())
                .containsEntry("event_type", "RatingSubmitted")
                .containsEntry("published", true);
        JsonNode payload = JSON.readTree((String) row.get("payload"));
        assertThat(payload.get("eventId").asString()).isEqualTo(eventId);
        assertThat(payload.get("stars").asDouble()).isEqualTo(4.5);
        assertThat(payload.get("review").toString())
                .as("the text is in the personal store, never in the event")
                .isEqualTo("{\"spoiler\":false}");
        assertThat(env.jdbc
                        .sql("select text from personal.review_texts where user_id = ? and movie_id = 318")
                        .param("8b6f3f5e-2a51-4c1f-9d7e-0c4a1e2b3c4d")
                        .query(String.class)
                        .single())
                .isEqualTo("Still great.");

        List<LoggedRequest> puts = env.bus.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withHeader(
                        "Authorization",
                        matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/events/aws4_request, .*")));
        assertThat(puts).hasSize(1);
        JsonNode entry =
                JSON.readTree(puts.get(0).getBodyAsString()).get("Entries").get(0);
        assertThat(entry.get("Source").asString()).isEqualTo("movie-ratings.command-api");
        assertThat(entry.get("DetailType").asString()).isEqualTo("RatingSubmitted");
        assertThat(entry.get("EventBusName").asString()).isEqualTo("movie-ratings-test");
        assertThat(JSON.readTree(entry.get("Detail").asString())).isEqualTo(payload);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"stars\":0}",
                "{\"stars\":5.5}",
                "{\"stars\":3.3}",
                "{\"stars\":\"x\"}",
                "{}",
                "{\"stars\":null}",
                "{\"stars\":-1}",
                "{\"stars\":4.5,\"admin\":true}",
                "{\"stars\":4,\"review\":\"text\"}",
                "{\"stars\":4,\"review\":{\"text\":42}}",
                "{\"stars\":4,\"review\":{\"text\":\"ok\",\"spoiler\":\"yes\"}}",
                "{\"stars\":1e999}"
            })
    void invalidRatingsAreRefusedWith422AndWriteNothing(String body) {
        long before = env.eventCount();
        ApiGatewayEvents.Response response = put("alice", "318", body, Map.of());
        assertProblem(response, 422);
        assertThat(JSON.readTree(response.body()).get("field")).isNotNull();
        assertThat(env.eventCount()).isEqualTo(before);
    }

    @Test
    void anOversizedReviewIsRefused() {
        long before = env.eventCount();
        ApiGatewayEvents.Response response =
                put("alice", "318", "{\"stars\":4,\"review\":{\"text\":\"" + "a".repeat(5001) + "\"}}", Map.of());
        assertProblem(response, 422);
        assertThat(JSON.readTree(response.body()).get("field").asString()).isEqualTo("review.text");
        assertThat(env.eventCount()).isEqualTo(before);
    }

    @Test
    void malformedUnknownUnauthenticatedAndMistypedRequestsGetTheirOwn4xx() {
        long before = env.eventCount();
        assertProblem(put("alice", "999999", "{\"stars\":4}", Map.of()), 404);
        assertProblem(put("alice", "abc", "{\"stars\":4}", Map.of()), 404);
        assertProblem(put("alice", "318", "{\"stars\":4", Map.of()), 400);
        assertProblem(put("alice", "318", "{\"stars\":4} trailing", Map.of()), 400);
        assertProblem(put("alice", "318", "[4]", Map.of()), 400);
        assertProblem(put("alice", "318", "", Map.of()), 400);
        assertProblem(put("alice", "318", "{\"stars\":4}", Map.of("content-type", "text/plain")), 415);
        assertProblem(put(null, "318", "{\"stars\":4}", Map.of()), 401);
        assertProblem(
                put("alice", "318", "{\"stars\":4,\"review\":{\"text\":\"" + "a".repeat(17_000) + "\"}}", Map.of()),
                413);
        assertProblem(put("alice", "318", "{\"stars\":4}", Map.of("idempotency-key", "has spaces")), 400);
        assertThat(env.eventCount()).isEqualTo(before);
    }

    /** Found by the fuzz: Jackson 3's NullNode refuses booleanValue(), which answered 500. */
    @Test
    void aNullSpoilerFlagMeansNoSpoiler() {
        String user = "spoiler-" + UUID.randomUUID();
        ApiGatewayEvents.Response response =
                put(user, "1", "{\"stars\":4,\"review\":{\"text\":\"Fine.\",\"spoiler\":null}}", Map.of());
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(202);
        String payload = env.jdbc
                .sql("select payload::text from rating_events where user_id = ?")
                .param(user)
                .query(String.class)
                .single();
        assertThat(JSON.readTree(payload).get("review").get("spoiler").asBoolean())
                .isFalse();
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameAnswerAndNoSecondEvent() {
        String key = UUID.randomUUID().toString();
        ApiGatewayEvents.Response first = put("carol", "1", "{\"stars\":3.5}", Map.of("idempotency-key", key));
        long after = env.eventCount();
        ApiGatewayEvents.Response replay = put("carol", "1", "{\"stars\":3.5}", Map.of("idempotency-key", key));

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(replay.body())).isEqualTo(JSON.readTree(first.body()));
        assertThat(env.eventCount()).isEqualTo(after);
        assertProblem(put("carol", "1", "{\"stars\":1.0}", Map.of("idempotency-key", key)), 422);
        assertThat(env.eventCount()).isEqualTo(after);
    }

    @Test
    void changingAndDeletingARatingContinueTheUsersOwnStream() {
        String user = "dave-" + UUID.randomUUID();
        assertThat(put(user, "2571", "{\"stars\":2}", Map.of()).statusCode()).isEqualTo(202);
        assertThat(put(
                                user,
                                "2571",
                                "{\"stars\":4.5,\"review\":{\"text\":\"  Better the second time.  \","
                                        + "\"spoiler\":true}}",
                                Map.of())
                        .statusCode())
                .isEqualTo(202);
        assertThat(delete(user, "2571").statusCode()).isEqualTo(202);
        assertProblem(delete(user, "2571"), 404);

        List<String> payloads = env.jdbc
                .sql("select payload::text from rating_events where user_id = ? order by stream_version")
                .param(user)
                .query(String.class)
                .list();
        assertThat(payloads).hasSize(3);
        JsonNode change = JSON.readTree(payloads.get(1));
        assertThat(change.get("streamVersion").asInt()).isEqualTo(2);
        assertThat(change.get("previousStars").asDouble()).isEqualTo(2.0);
        assertThat(change.get("review").get("spoiler").asBoolean()).isTrue();
        assertThat(change.get("review").has("text")).isFalse();
        JsonNode retraction = JSON.readTree(payloads.get(2));
        assertThat(retraction.get("type").asString()).isEqualTo("RatingRetracted");
        assertThat(retraction.get("previousStars").asDouble()).isEqualTo(4.5);
        assertThat(env.jdbc
                        .sql("select count(*) from rating_events"
                                + " where user_id <> ? and movie_id = 2571 and user_id like 'dave-%'")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void nobodyChangesWhatIsNotTheirs() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        assertThat(put(alice, "318", "{\"stars\":5,\"review\":{\"text\":\"Mine.\"}}", Map.of())
                        .statusCode())
                .isEqualTo(202);

        assertProblem(delete(bob, "318"), 404);
        assertProblem(put(bob, "318", "{\"stars\":1,\"userId\":\"" + alice + "\"}", Map.of()), 422);
        assertThat(put(bob, "318", "{\"stars\":1}", Map.of()).statusCode()).isEqualTo(202);

        List<String> alicesEvents = env.jdbc
                .sql("select payload::text from rating_events where user_id = ? order by position")
                .param(alice)
                .query(String.class)
                .list();
        assertThat(alicesEvents).hasSize(1);
        assertThat(JSON.readTree(alicesEvents.get(0)).get("stars").asDouble()).isEqualTo(5.0);
        assertThat(env.jdbc
                        .sql("select count(*) from rating_events where user_id = ? and movie_id = 318")
                        .param(bob)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(env.jdbc
                        .sql("select count(*) from users where user_id = ?")
                        .param(bob)
                        .query(Long.class)
                        .single())
                .as("the user is recorded, with no name from the token")
                .isEqualTo(1);
    }

    @Test
    void aUserWritingTooFastGets429WithRetryAfterAndNothingIsWritten() {
        String user = "eager-" + UUID.randomUUID();
        awaitTimeLeftInTheQuotaWindow();
        for (int i = 0; i < 60; i++) {
            assertThat(put(user, "1", "{\"stars\":" + (1 + i % 10) / 2.0 + "}", Map.of())
                            .statusCode())
                    .isEqualTo(202);
        }
        long before = env.eventCount();
        ApiGatewayEvents.Response limited = put(user, "1", "{\"stars\":3}", Map.of());
        assertProblem(limited, 429);
        assertThat(Integer.parseInt(limited.headers().get("retry-after"))).isBetween(1, 60);
        assertThat(env.eventCount()).isEqualTo(before);
        assertThat(put("someone-else-" + UUID.randomUUID(), "1", "{\"stars\":3}", Map.of())
                        .statusCode())
                .isEqualTo(202);
    }

    /**
     * The quota counts per minute of the database's clock: 60 writes begun late in a minute end in the
     * next one, where the count starts again. Waits (at most a minute) until 30 s of this one are left.
     */
    private void awaitTimeLeftInTheQuotaWindow() {
        long deadline = System.nanoTime() + Duration.ofSeconds(65).toNanos();
        while (env.jdbc
                .sql("select extract(second from clock_timestamp()) > 30")
                .query(Boolean.class)
                .single()) {
            assertThat(System.nanoTime()).as("a new minute began within 65 s").isLessThan(deadline);
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    @Test
    void whenTheBusIsDownTheCommandStillSucceedsAndTheRelayPublishesOnceItIsBack() {
        env.bus.resetAll();
        env.bus.stubFor(CommandApiTestEnvironment.putEvents()
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"InternalException\",\"message\":\"down\"}")));

        ApiGatewayEvents.Response response = put("erin", "1", "{\"stars\":5}", Map.of());
        assertThat(response.statusCode()).isEqualTo(202);
        long position = JSON.readTree(response.body()).get("position").asLong();
        assertThat(published(position)).isFalse();

        env.busAccepts();
        String report = env.outboxRelay.invoke(
                "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.scheduler\",\"detail\":{}}");

        assertThat(published(position)).isTrue();
        assertThat(JSON.readTree(report).get("unpublished").asLong()).isZero();
        String eventId = JSON.readTree(response.body()).get("eventId").asString();
        assertThat(env.bus.findAll(postRequestedFor(urlEqualTo("/"))).stream()
                        .filter(r -> r.getBodyAsString().contains(eventId)))
                .hasSize(1);
    }

    private boolean published(long position) {
        return env.jdbc
                .sql("select published_at is not null from event_publications where position = ?")
                .param(position)
                .query(Boolean.class)
                .single();
    }

    private ApiGatewayEvents.Response put(String user, String movieId, String body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        headers.putAll(extraHeaders);
        return send("PUT", user, movieId, headers, body);
    }

    private ApiGatewayEvents.Response delete(String user, String movieId) {
        return send("DELETE", user, movieId, Map.of(), null);
    }

    private ApiGatewayEvents.Response send(
            String method, String user, String movieId, Map<String, String> headers, String body) {
        Map<String, String> claims = user == null ? null : Map.of("sub", user, "preferred_username", user);
        return ApiGatewayEvents.parseResponse(
                env.ratingCommands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        method,
                        method + " /api/movies/{id}/rating",
                        "/api/movies/" + movieId + "/rating",
                        Map.of("id", movieId),
                        "",
                        headers,
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                        claims))));
    }

    private static void assertProblem(ApiGatewayEvents.Response response, int status) {
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("https://");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = RatingCommandsIntegrationTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
