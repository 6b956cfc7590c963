package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.movieratings.local.OpsTranscript.Outcome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * {@code ops projector pause|resume} against the real local runtime, on a runtime of its own (no poison events
 * to wait behind). Ratings are written right after the pause, while the pollers' long polls begun before it are
 * most likely still waiting: each stays on the queue, none counts a receive (the queue redrives after two, and
 * the projector counts every delivery above the first), and each is applied after the resume. That a receive in
 * flight at the pause is put back uncounted is shown deterministically by {@link SqsEventSourceMappingIntegrationTest}.
 */
class PausedProjectorIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-paused").toAbsolutePath();
    private static final OpsTranscript OPS = new OpsTranscript(DATA);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int WRITERS = 3;
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        // 2 receives, as the poison case; visibility 10 s, so that a slow batch is not redelivered: a redelivery
        // here means a receive counted while paused
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 10, 2, 300));
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= WRITERS; movie++) {
            client.jdbc()
                    .sql("insert into movies (movie_id, title, genres) values (?, ?, '{Drama}')")
                    .params(movie, "Movie " + movie)
                    .update();
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    record Written(String token, int movie, int streamVersion) {}

    @Test
    void aPausedProjectorLeavesEventsOnTheQueueUntilItIsResumed() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int writer = 1; writer <= WRITERS; writer++) {
            tokens.add(client.token("pauser-" + writer));
        }
        // a first rating applied: the command and the projector are warm, the writes after the pause are quick
        Written warmUp = rate(tokens.get(0), 1, "{\"stars\":4.0}");
        await("the warm-up rating applied").atMost(DEADLINE).until(() -> projectedVersion(warmUp) >= 1);
        double redeliveriesBefore = redeliveries();

        assertThat(ops("projector", "pause", "--reason", "maintenance window").exitCode())
                .isZero();
        // at once: the pollers' long polls begun before the pause are most likely still waiting
        List<Written> written = new ArrayList<>();
        for (int writer = 1; writer <= WRITERS; writer++) {
            written.add(rate(tokens.get(writer - 1), writer, "{\"stars\":2.5}"));
        }

        assertThat(status().get("projectorPaused").asBoolean()).isTrue();
        await("every rating waits on the queue, none in flight")
                .atMost(DEADLINE)
                .until(() ->
                        depth(runtime.queues().queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == WRITERS
                                && depth(
                                                runtime.queues().queueUrl(),
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                                        == 0);
        for (Written rating : written) {
            assertThat(projectedVersion(rating))
                    .as("not projected while paused")
                    .isLessThan(rating.streamVersion());
        }

        assertThat(ops("projector", "resume", "--reason", "window over").exitCode())
                .isZero();
        for (Written rating : written) {
            await("rating of movie " + rating.movie() + " applied after the resume")
                    .atMost(DEADLINE)
                    .until(() -> projectedVersion(rating) >= rating.streamVersion());
            JsonNode mine = get("/api/me/ratings?movie=" + rating.movie(), rating.token());
            assertThat(mine.get("items").get(0).get("stars").asDouble()).isEqualTo(2.5);
        }
        assertThat(depth(runtime.queues().deadLetterQueueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .as("nothing went to the dead-letter queue")
                .isZero();
        assertThat(redeliveries() - redeliveriesBefore)
                .as("each rating reached the projector on its first counted receive")
                .isZero();
        assertThat(status().get("projectorPaused").asBoolean()).isFalse();
        assertThat(ops("audit").output()).contains("projector-pause", "maintenance window", "projector-resume");
    }

    private static Written rate(String token, int movie, String body) throws Exception {
        HttpResponse<String> response = client.send("PUT", "/api/movies/" + movie + "/rating", token, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = LocalRuntimeClient.JSON.readTree(response.body());
        return new Written(token, movie, accepted.get("streamVersion").asInt());
    }

    private static int projectedVersion(Written rating) throws Exception {
        return get("/api/me/ratings?movie=" + rating.movie(), rating.token())
                .get("projectedVersion")
                .asInt();
    }

    private static double redeliveries() throws Exception {
        HttpResponse<String> metrics = client.send("GET", "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        return MetricsAgainstLocalRuntimeIntegrationTest.value(
                metrics.body(), "movie_ratings_projector_redeliveries_total", "");
    }

    private static long depth(String queueUrl, QueueAttributeName attribute) {
        return Long.parseLong(runtime.queues()
                .sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(attribute))
                .attributes()
                .get(attribute));
    }

    private static Outcome ops(String... args) {
        return OPS.run(args);
    }

    /** The status line of {@code ops status --json}; the runtime in this JVM logs to the same stdout. */
    private static JsonNode status() {
        String line = ops("status", "--json")
                .output()
                .lines()
                .filter(l -> l.startsWith("{\"watermark\""))
                .reduce((first, second) -> second)
                .orElseThrow();
        return LocalRuntimeClient.JSON.readTree(line);
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = client.send("GET", path, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return LocalRuntimeClient.JSON.readTree(response.body());
    }
}
