package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.events.json.RatingEventJson;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline in one JVM, over real HTTP: dev token → PUT → event + outbox → local bus → SQS →
 * event source mapping → projector → query, on the MovieLens seed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRuntimeEndToEndIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path DATA = Path.of("target", "local-runtime-e2e").toAbsolutePath();
    private static LocalRuntime runtime;

    @BeforeAll
    static void start() throws IOException {
        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(settings());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static LocalSettings settings() {
        return new LocalSettings(0, DATA, true, 1, 5, 500);
    }

    @Test
    @Order(1)
    void theMovieLensSeedGivesTheRealScores() throws Exception {
        JsonNode shawshank = getJson("/api/movies/318");
        assertThat(shawshank.get("ratingCount").asLong()).isEqualTo(317);
        assertThat(shawshank.get("averageRating").asDouble()).isEqualTo(4.4290);
        JsonNode toyStory = getJson("/api/movies/1");
        assertThat(toyStory.get("ratingCount").asLong()).isEqualTo(215);
        assertThat(toyStory.get("averageRating").asDouble()).isEqualTo(3.9209);
        assertThat(jdbc().sql("select count(*) from projection.movie_scores where rating_count > 0")
                        .query(Long.class)
                        .single())
                .isEqualTo(9724L);
        // ratings.csv's rows, one event each, and tags.csv's kept rows in their own stream (issue 19)
        assertThat(jdbc().sql("select count(*) from rating_events where stream = 'rating'")
                        .query(Long.class)
                        .single())
                .isEqualTo(100_836L);
        assertThat(jdbc().sql("select count(*) from rating_events where stream = 'tag'")
                        .query(Long.class)
                        .single())
                .isEqualTo(jdbc().sql("select count(*) from personal.tags")
                        .query(Long.class)
                        .single())
                .isPositive();
        JsonNode top = getJson("/api/movies?sort=top&limit=5");
        assertThat(top.get("items").get(0).get("title").asString()).isEqualTo("Shawshank Redemption, The");
    }

    @Test
    @Order(2)
    void aRatingTravelsFromTheCommandToTheQueryOverRealHttp() throws Exception {
        String token = token("erin");
        JsonNode before = getJson("/api/movies/1");
        assertThat(send("PUT", "/api/me/profile", token, "{\"displayName\":\"Erin E.\"}")
                        .statusCode())
                .isEqualTo(200);

        long started = System.nanoTime();
        HttpResponse<String> put = send(
                "PUT",
                "/api/movies/1/rating",
                token,
                "{\"stars\":0.5,\"review\":{\"text\":\"Not for me.\",\"spoiler\":false}}");
        assertThat(put.statusCode()).isEqualTo(202);
        long position = JSON.readTree(put.body()).get("position").asLong();
        JsonNode after = awaitProjection("/api/movies/1", position);
        long visibleAfterMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[e2e] PUT -> visible in the query after " + visibleAfterMillis + " ms");

        assertThat(after.get("ratingCount").asLong())
                .isEqualTo(before.get("ratingCount").asLong() + 1);
        assertThat(after.get("histogram").get("0.5").asLong())
                .isEqualTo(before.get("histogram").get("0.5").asLong() + 1);
        double expectedAverage = (before.get("averageRating").asDouble() * 215 + 0.5) / 216;
        assertThat(after.get("averageRating").asDouble())
                .isCloseTo(expectedAverage, org.assertj.core.api.Assertions.within(0.0001));
        assertThat(after.get("reviewCount").asLong()).isEqualTo(1);
        JsonNode reviews = getJson("/api/movies/1/reviews");
        assertThat(reviews.get("items").get(0).get("author").asString())
                .as("the name erin chose, not the token's")
                .isEqualTo("Erin E.");
        JsonNode mine =
                JSON.readTree(send("GET", "/api/me/ratings", token, null).body());
        assertThat(mine.get("items").get(0).get("movieId").asLong()).isEqualTo(1L);
    }

    @Test
    @Order(3)
    void theFrontRefusesMissingAndForgedTokensAndServesTheSiteWithItsHeaders() throws Exception {
        HttpResponse<String> anonymous = send("PUT", "/api/movies/1/rating", null, "{\"stars\":4}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("content-type")).hasValue("application/problem+json");
        String forged = token("mallory").replaceAll("\\.[^.]+$", ".c2lnbmF0dXJl");
        assertThat(send("PUT", "/api/movies/1/rating", forged, "{\"stars\":4}").statusCode())
                .isEqualTo(401);
        String none = "eyJhbGciOiJub25lIn0."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("{\"sub\":\"local-mallory\",\"iss\":\"movie-ratings-local\","
                                        + "\"aud\":\"movie-ratings\",\"exp\":4102444800}")
                                .getBytes())
                + ".";
        assertThat(send("PUT", "/api/movies/1/rating", none, "{\"stars\":4}").statusCode())
                .isEqualTo(401);

        HttpResponse<String> site = send("GET", "/", null, null);
        assertThat(site.statusCode()).isEqualTo(200);
        assertThat(site.body()).contains("<meta charset=\"utf-8\">");
        assertThat(site.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("script-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(send("GET", "/../../etc/passwd", null, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/unknown", null, null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void aMessageTheProjectorCannotApplyEndsInTheDeadLetterQueueWithoutHoldingUpOthers() throws Exception {
        var sqs = runtime.queues().sqs();
        String forged = BusEnvelope.wrap(
                new RatingSubmitted(
                        java.util.UUID.randomUUID(),
                        "ml-1",
                        1,
                        99,
                        java.time.Instant.now(),
                        5.0,
                        null,
                        java.time.Instant.now(),
                        null),
                "000000000000",
                "local",
                java.time.Instant.now());
        sqs.sendMessage(b -> b.queueUrl(runtime.queues().queueUrl()).messageBody(forged));
        String token = token("frank");
        HttpResponse<String> put = send("PUT", "/api/movies/318/rating", token, "{\"stars\":4}");
        long position = JSON.readTree(put.body()).get("position").asLong();
        assertThat(awaitProjection("/api/movies/318", position)
                        .get("ratingCount")
                        .asLong())
                .isEqualTo(318);

        long deadline = System.currentTimeMillis() + 30_000;
        int parked = 0;
        while (parked == 0 && System.currentTimeMillis() < deadline) {
            parked = sqs.receiveMessage(b ->
                            b.queueUrl(runtime.queues().deadLetterQueueUrl()).waitTimeSeconds(1))
                    .messages()
                    .size();
        }
        assertThat(parked).as("the forged message is parked after 5 receives").isEqualTo(1);
        assertThat(RatingEventJson.write(BusEnvelope.unwrap(forged))).contains("\"streamVersion\":99");
    }

    @Test
    @Order(5)
    void aRestartKeepsTheDataAndDoesNotImportTwice() throws Exception {
        long events = jdbc().sql("select count(*) from rating_events")
                .query(Long.class)
                .single();
        List<LocalLambda> functions = runtime.functions();
        runtime.close();
        // each function's Spring application closed with the runtime: no pool of a stopped runtime left behind
        assertThat(functions).hasSize(4).noneMatch(LocalLambda::isRunning);
        long started = System.nanoTime();
        runtime = LocalRuntime.start(settings());
        System.out.println("[e2e] warm restart ready after " + (System.nanoTime() - started) / 1_000_000 + " ms");

        assertThat(jdbc().sql("select count(*) from rating_events")
                        .query(Long.class)
                        .single())
                .isEqualTo(events);
        assertThat(jdbc().sql("select count(*) from movies").query(Long.class).single())
                .isEqualTo(9742L);
        JsonNode toyStory = getJson("/api/movies/1");
        assertThat(toyStory.get("ratingCount").asLong()).isEqualTo(216);
        String token = token("erin");
        HttpResponse<String> change = send("PUT", "/api/movies/1/rating", token, "{\"stars\":5}");
        long position = JSON.readTree(change.body()).get("position").asLong();
        JsonNode changed = awaitProjection("/api/movies/1", position);
        assertThat(changed.get("ratingCount").asLong()).isEqualTo(216);
        assertThat(changed.get("histogram").get("0.5").asLong()).isEqualTo(1);
        assertThat(changed.get("reviewCount").asLong()).isZero();
    }

    private static JsonNode awaitProjection(String path, long position) throws Exception {
        return client().awaitProjection(path, position);
    }

    private static String token(String user) throws Exception {
        return client().token(user);
    }

    private static JsonNode getJson(String path) throws Exception {
        return client().getJson(path);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return client().send(method, path, token, body);
    }

    private static JdbcClient jdbc() {
        return client().jdbc();
    }

    private static LocalRuntimeClient client() {
        return new LocalRuntimeClient(runtime);
    }
}
