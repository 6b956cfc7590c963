package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingSystem;
import tools.jackson.databind.JsonNode;

/**
 * With {@code logging.structured.format.console=ecs} (what the Lambdas run with: LOGGING_STRUCTURED_FORMAT_CONSOLE),
 * the functions log one JSON object per line, and a rating can be followed by its correlation id: the
 * request's line and the command's "appended" line share the request id, and that line names the event
 * id under which the projector logs. Neither the bearer token nor the review text appears.
 */
class StructuredLogsIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-logs").toAbsolutePath();
    private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();
    private static PrintStream original;
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        original = System.out;
        System.setOut(new PrintStream(new Tee(original, CAPTURED), true, StandardCharsets.UTF_8));
        resetLogging(); // Spring Boot sets logging up once per JVM: have the next context set it up again, as JSON
        runtime = LocalRuntime.start(new LocalSettings(
                0,
                DATA,
                false,
                1,
                5,
                300,
                Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))); // as Terraform sets it on Lambda
        // the projector logs each applied event at DEBUG (set once the four contexts have set logging up)
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.movieratings.projection.sqs"))
                .setLevel(ch.qos.logback.classic.Level.DEBUG);
        client = new LocalRuntimeClient(runtime);
        client.jdbc()
                .sql("insert into movies (movie_id, title, genres) values (1, 'Movie 1', '{Drama}')")
                .update();
    }

    @AfterAll
    static void stop() {
        try {
            runtime.close();
        } finally {
            System.setOut(original);
            resetLogging(); // and back to plain lines on the real stdout for the test classes after this one
        }
    }

    private static void resetLogging() {
        LoggingSystem.get(StructuredLogsIntegrationTest.class.getClassLoader()).cleanUp();
    }

    @Test
    void aRatingCanBeFollowedFromItsRequestToTheProjectorWithoutTokensOrBodiesInTheLogs() throws Exception {
        String token = client.token("logs");
        HttpResponse<String> put = client.send(
                "PUT",
                "/api/movies/1/rating",
                token,
                "{\"stars\":3.5,\"review\":{\"text\":\"PRIVATE-REVIEW-WORDS\",\"spoiler\":false}}");
        assertThat(put.statusCode()).isEqualTo(202);
        JsonNode accepted = LocalRuntimeClient.JSON.readTree(put.body());
        String eventId = accepted.get("eventId").asString();
        client.awaitProjection("/api/movies/1", accepted.get("position").asLong());
        // the projector logs "applied" after its commit, which the query may already have seen
        List<JsonNode> lines = await("the projector's line for " + eventId)
                .atMost(Duration.ofSeconds(10))
                .until(
                        StructuredLogsIntegrationTest::jsonLines,
                        logged -> logged.stream()
                                .anyMatch(
                                        l -> l.path("message").asString().startsWith("event " + eventId + " applied")));
        JsonNode appended = lines.stream()
                .filter(l -> l.path("message").asString().contains("event " + eventId + " (RatingSubmitted) appended"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no JSON 'appended' line for " + eventId));
        String requestId = appended.path("correlationId").asString();
        assertThat(requestId).isNotBlank().isNotEqualTo(eventId);
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("correlationId").asString()).isEqualTo(requestId);
            assertThat(l.path("message").asString())
                    .isEqualTo("PUT /api/movies/{id}/rating answered 202 in "
                            + l.path("message").asString().replaceAll(".* in ", ""));
        });
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.path("correlationId").asString()).isEqualTo(eventId);
            assertThat(l.path("message").asString()).startsWith("event " + eventId + " applied");
        });
        assertThat(lines)
                .allSatisfy(l -> assertThat(l.has("@timestamp") && l.path("log").has("level"))
                        .as(l.toString())
                        .isTrue());

        String everything = CAPTURED.toString(StandardCharsets.UTF_8);
        assertThat(everything)
                .doesNotContain(token)
                .doesNotContain("PRIVATE-REVIEW-WORDS")
                .doesNotContainIgnoringCase("bearer ");
    }

    private static List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : CAPTURED.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.endsWith("}")) {
                lines.add(LocalRuntimeClient.JSON.readTree(line));
            }
        }
        assertThat(lines).as("JSON log lines").isNotEmpty();
        return lines;
    }

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws java.io.IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
