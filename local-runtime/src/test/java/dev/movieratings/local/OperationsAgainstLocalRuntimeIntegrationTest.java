package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.movieratings.local.OpsTranscript.Outcome;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The ops command line against a running local runtime, the way the README tells an operator to use
 * it: rebuild while writers keep rating, verify, the dead-letter queue, the outbox.
 */
class OperationsAgainstLocalRuntimeIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-ops").toAbsolutePath();
    private static final OpsTranscript OPS = new OpsTranscript(DATA);
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        // no MovieLens here; a relay that only runs when asked, so outbox tests see what they set up
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 3_600_000));
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= 5; movie++) {
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

    private static Outcome ops(String... args) {
        return OPS.run(args);
    }

    @Test
    void aRebuildWhileWritersKeepRatingSwapsInExactlyTheEventsState() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                Random random = new Random(writer);
                List<String> tokens = new ArrayList<>();
                for (int u = 0; u < 5; u++) {
                    tokens.add(client.token("writer" + writer + "-" + u));
                }
                while (writing.get()) {
                    String token = tokens.get(random.nextInt(tokens.size()));
                    int movie = 1 + random.nextInt(5);
                    HttpResponse<String> response = random.nextInt(5) == 0
                            ? client.send("DELETE", "/api/movies/" + movie + "/rating", token, null)
                            : client.send(
                                    "PUT",
                                    "/api/movies/" + movie + "/rating",
                                    token,
                                    "{\"stars\":" + (1 + random.nextInt(10)) / 2.0 + "}");
                    // 429: a writer outran its per-user write quota (60 a minute) while the rebuilds ran; nothing was
                    // written
                    assertThat(response.statusCode()).isIn(202, 404, 429);
                    if (response.statusCode() == 202) {
                        accepted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        await("writers under way").atMost(Duration.ofSeconds(60)).until(() -> accepted.get() >= 10);
        Outcome first = ops("rebuild");
        Outcome second = ops("rebuild");
        int afterRebuilds = accepted.get();
        await("writes accepted after the second swap")
                .atMost(Duration.ofSeconds(60))
                .until(() -> accepted.get() > afterRebuilds);
        writing.set(false);
        for (Future<?> writer : running) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();

        assertThat(first.exitCode()).isZero();
        assertThat(second.exitCode()).isZero();
        assertThat(first.output())
                .contains("swapping the rebuilt projections in")
                .contains("events/s");
        assertThat(accepted.get()).isGreaterThan(20);
        long last = client.jdbc()
                .sql("select max(position) from rating_events")
                .query(Long.class)
                .single();
        client.awaitProjection("/api/movies/1", last);

        Outcome verify = ops("verify");
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("projections match the events");
        long currentRatingsFromEvents = client.jdbc()
                .sql("select count(*) from (select distinct on (user_id, movie_id) event_type"
                        + " from rating_events order by user_id, movie_id, stream_version desc) latest"
                        + " where event_type = 'RatingSubmitted'")
                .query(Long.class)
                .single();
        assertThat(client.jdbc()
                        .sql("select count(*) from projection.user_ratings where stars is not null")
                        .query(Long.class)
                        .single())
                .isEqualTo(currentRatingsFromEvents);
        assertThat(client.jdbc()
                        .sql("select sum(rating_count) from projection.movie_scores")
                        .query(Long.class)
                        .single())
                .isEqualTo(currentRatingsFromEvents);
        assertThat(client.jdbc()
                        .sql("select count(*) from analytics.movie_scores")
                        .query(Long.class)
                        .single())
                .as("the analytics views are bound to the swapped-in tables")
                .isPositive();
    }

    @Test
    void verifyReportsATamperedProjectionAndARebuildRepairsIt() throws Exception {
        String token = client.token("tamper");
        HttpResponse<String> put = client.send("PUT", "/api/movies/3/rating", token, "{\"stars\":2.5}");
        client.awaitProjection(
                "/api/movies/3",
                LocalRuntimeClient.JSON.readTree(put.body()).get("position").asLong());
        client.jdbc()
                .sql("update projection.movie_scores set rating_count = rating_count + 7 where movie_id = 3")
                .update();

        Outcome broken = ops("verify");
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.output()).contains("DIFFERENCE movie_scores movie 3").contains("difference(s)");

        assertThat(ops("rebuild").exitCode()).isZero();
        assertThat(ops("verify").exitCode()).isZero();
    }

    @Test
    void anEventTheProjectorCannotApplyIsParkedAndAfterTheFixLandsExactlyOnce() throws Exception {
        String token = client.token("poison");
        long before = client.getJson("/api/movies/4").get("ratingCount").asLong();
        runtime.functionEnvironment().put("PROJECTOR_FAIL_USERS", "local-poison");
        long position;
        try {
            HttpResponse<String> put = client.send("PUT", "/api/movies/4/rating", token, "{\"stars\":4.5}");
            assertThat(put.statusCode()).isEqualTo(202);
            position =
                    LocalRuntimeClient.JSON.readTree(put.body()).get("position").asLong();
            Outcome listed = awaitDeadLetter();
            assertThat(listed.output())
                    .contains("RatingSubmitted")
                    .contains("injected failure for the events of user local-poison")
                    .contains("1 message(s) in the dead-letter queue");
            assertThat(client.getJson("/api/movies/4").get("projectedThrough").asLong())
                    .isLessThan(position);
        } finally {
            runtime.functionEnvironment().remove("PROJECTOR_FAIL_USERS");
        }

        Outcome redriven = ops("dlq", "redrive", "--max", "10");
        assertThat(redriven.output()).contains("Moved 1 message(s)");
        JsonNode after = client.awaitProjection("/api/movies/4", position);
        assertThat(after.get("ratingCount").asLong()).isEqualTo(before + 1);
        assertThat(ops("dlq", "redrive").output()).contains("Moved 0 message(s)");
        awaitQueueDrained();
        assertThat(client.getJson("/api/movies/4").get("ratingCount").asLong()).isEqualTo(before + 1);
        assertThat(ops("verify").exitCode()).isZero();
    }

    @Test
    void theOutboxShowsWhatIsUnpublishedAndRepublishesIt() throws Exception {
        String token = client.token("outbox");
        long before = client.getJson("/api/movies/5").get("ratingCount").asLong();
        HttpResponse<String> put = client.send("PUT", "/api/movies/5/rating", token, "{\"stars\":3}");
        long position =
                LocalRuntimeClient.JSON.readTree(put.body()).get("position").asLong();
        client.awaitProjection("/api/movies/5", position);
        // as if the command function had died between its commit and its publish
        client.jdbc()
                .sql("update event_publications set published_at = null where position = ?")
                .param(position)
                .update();

        assertThat(ops("outbox", "status").output()).contains("1 unpublished event(s)");
        Outcome republished = ops("outbox", "republish");
        assertThat(republished.exitCode()).isZero();
        assertThat(republished.output()).contains("0 still unpublished");
        assertThat(ops("outbox", "status").output()).contains("0 unpublished event(s)");
        // the duplicate was put on the queue: once nothing is waiting or in flight, the projector has had it
        awaitQueueDrained();
        assertThat(client.getJson("/api/movies/5").get("ratingCount").asLong())
                .as("the republished duplicate is not counted twice")
                .isEqualTo(before + 1);
    }

    @Test
    void badArgumentsAreNamedAndChangeNothing() {
        String before = tables();

        Outcome unknown = ops("rebuild", "--projection", "popularity");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).as("the message names the bad value").contains("popularity");
        Outcome badMax = ops("dlq", "list", "--max", "0");
        assertThat(badMax.exitCode()).isEqualTo(2);
        assertThat(badMax.output()).as("the message names the bad option").contains("--max");

        assertThat(tables()).as("projections, watermark and outbox unchanged").isEqualTo(before);
        assertThat(runtime.queues()
                        .sqs()
                        .getQueueAttributes(b -> b.queueUrl(runtime.queues().deadLetterQueueUrl())
                                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes())
                .as("the dead-letter queue untouched")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    /** Everything the ops commands could change, as one comparable text. */
    private static String tables() {
        return client.jdbc().sql("""
                        select (select count(*) || ' ratings, ' || coalesce(sum(stream_version), 0) || ' versions'
                                from projection.user_ratings)
                            || ' | ' || (select string_agg(movie_id || ':' || rating_count || ':' || stars_sum,
                                ',' order by movie_id) from projection.movie_scores)
                            || ' | ' || (select rating_count || ':' || stars_sum from projection.rating_totals)
                            || ' | watermark ' || (select position from projection.watermark)
                            || ' | unpublished ' || (select count(*) from event_publications where published_at is null)
                        """).query(String.class).single();
    }

    /** Waits until the projector's queue holds no message, waiting or in flight. */
    private static void awaitQueueDrained() {
        await("the projector queue drained").atMost(Duration.ofSeconds(60)).until(() -> {
            Map<QueueAttributeName, String> attributes = runtime.queues()
                    .sqs()
                    .getQueueAttributes(b -> b.queueUrl(runtime.queues().queueUrl())
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            return attributes.values().stream().allMatch("0"::equals);
        });
    }

    private static Outcome awaitDeadLetter() {
        return await("a message in the dead-letter queue")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ops("dlq", "list"), listed -> listed.output().contains("1 message(s)"));
    }
}
