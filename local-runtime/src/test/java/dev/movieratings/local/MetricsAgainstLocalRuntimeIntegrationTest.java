package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.observability.EmbeddedMetricFormat;
import dev.movieratings.observability.MeterCatalogue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /metrics} after real traffic: every series the dashboards and alerts use exists, in the
 * Prometheus text format, and moves with what happened (requests, events, projection, dead letters);
 * and every meter of the catalogue shows under one name in Prometheus and in the CloudWatch embedded
 * metric format lines the same functions write (captured here as Lambda's log would get them).
 */
class MetricsAgainstLocalRuntimeIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-metrics").toAbsolutePath();
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;
    private static final Queue<String> EMF_LINES = new ConcurrentLinkedQueue<>();
    private static EmbeddedMetricFormat.Capture emf;

    @BeforeAll
    static void start() throws Exception {
        emf = EmbeddedMetricFormat.capture(EMF_LINES::add);
        LocalRuntimeClient.deleteRecursively(DATA);
        // visibility 1 s and 2 receives, so a poison message reaches the DLQ in seconds; relay every 300 ms
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 2, 300));
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= 3; movie++) {
            client.jdbc()
                    .sql("insert into movies (movie_id, title, genres) values (?, ?, '{Drama}')")
                    .params(movie, "Movie " + movie)
                    .update();
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
        emf.close();
    }

    @Test
    void everyCatalogueMeterShowsUnderOneNameInPrometheusAndInTheEmbeddedMetricFormat() throws Exception {
        String token = client.token("catalogue");
        HttpResponse<String> put = client.send("PUT", "/api/movies/2/rating", token, "{\"stars\":3.5}");
        assertThat(put.statusCode()).isEqualTo(202);
        assertThat(client.send("PUT", "/api/movies/2/rating", token, "{\"stars\":0}")
                        .statusCode())
                .isEqualTo(422);
        client.awaitProjection(
                "/api/movies/2",
                LocalRuntimeClient.JSON.readTree(put.body()).get("position").asLong());
        client.getJson("/api/movies?sort=top");

        Set<String> published = Arrays.stream(MeterCatalogue.values())
                .filter(MeterCatalogue::publishedToCloudWatch)
                .map(MeterCatalogue::exposedName)
                .collect(Collectors.toSet());
        long deadline = System.currentTimeMillis() + 20_000;
        while (!emfNames().containsAll(published) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(emfNames()).as("the names in the EMF lines").isEqualTo(published);

        String metrics = awaitScrape(m -> value(m, "movie_ratings_projection_position_gap_events", "") == 0);
        for (MeterCatalogue meter : MeterCatalogue.values()) {
            assertThat(metrics)
                    .as(meter + " in /metrics")
                    .containsPattern("(?m)^# TYPE " + meter.exposedName() + " (counter|gauge|histogram|summary)$");
        }
        for (String line : EMF_LINES) {
            JsonNode directive = LocalRuntimeClient.JSON
                    .readTree(line)
                    .get("_aws")
                    .get("CloudWatchMetrics")
                    .get(0);
            assertThat(directive.get("Namespace").asString()).isEqualTo("MovieRatings");
            for (JsonNode metric : directive.get("Metrics")) {
                MeterCatalogue meter = Arrays.stream(MeterCatalogue.values())
                        .filter(m -> m.exposedName().equals(metric.get("Name").asString()))
                        .findFirst()
                        .orElseThrow();
                assertThat(metric.get("Unit").asString()).isEqualTo(meter.cloudWatchUnit());
            }
        }
    }

    /** Every metric name the captured EMF documents declare. */
    private static Set<String> emfNames() {
        Set<String> names = new TreeSet<>();
        for (String line : EMF_LINES) {
            for (JsonNode metric : LocalRuntimeClient.JSON
                    .readTree(line)
                    .get("_aws")
                    .get("CloudWatchMetrics")
                    .get(0)
                    .get("Metrics")) {
                names.add(metric.get("Name").asString());
            }
        }
        return names;
    }

    @Test
    void theMetricsEndpointServesThePrometheusTextFormat() throws Exception {
        HttpResponse<String> response = client.send("GET", "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains(
                        "# TYPE jvm_memory_used_bytes gauge",
                        "# TYPE process_uptime_seconds gauge",
                        "# TYPE jvm_threads_live_threads gauge",
                        "# TYPE movie_ratings_rebuild_running gauge");
        assertThat(client.send("POST", "/metrics", null, "{}").statusCode()).isEqualTo(405);
    }

    @Test
    void realTrafficMovesTheRequestEventAndPipelineSeries() throws Exception {
        String before = scrape();
        String token = client.token("metrics");
        long position = 0;
        for (int movie = 1; movie <= 3; movie++) {
            HttpResponse<String> put = client.send("PUT", "/api/movies/" + movie + "/rating", token, "{\"stars\":4.5}");
            assertThat(put.statusCode()).isEqualTo(202);
            position =
                    LocalRuntimeClient.JSON.readTree(put.body()).get("position").asLong();
        }
        assertThat(client.send("PUT", "/api/movies/1/rating", token, "{\"stars\":7}")
                        .statusCode())
                .isEqualTo(422);
        client.awaitProjection("/api/movies/3", position);
        client.getJson("/api/movies?sort=top");

        String put = "function=\"RatingCommandsFunction\",outcome=\"SUCCESS\",route=\"PUT /api/movies/{id}/rating\","
                + "service=\"movie-ratings\",status=\"202\"";
        String after = awaitScrape(metrics -> value(metrics, "movie_ratings_projection_position_gap_events", "") == 0
                && value(metrics, "movie_ratings_events_head_position", "") >= 3);
        assertThat(delta(before, after, "http_server_requests_seconds_count", put))
                .isEqualTo(3);
        assertThat(value(after, "http_server_requests_seconds_bucket", put + ",le=\"+Inf\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "http_server_requests_seconds_count", "status=\"422\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "http_server_requests_seconds_count", "route=\"GET /api/movies\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "movie_ratings_errors_total", "kind=\"client_error\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "movie_ratings_events_appended_total", "type=\"RatingSubmitted\""))
                .isEqualTo(3);
        assertThat(delta(before, after, "movie_ratings_events_published_total", ""))
                .isGreaterThanOrEqualTo(3);
        assertThat(delta(before, after, "movie_ratings_projector_events_applied_total", ""))
                .isGreaterThanOrEqualTo(3);
        assertThat(delta(before, after, "movie_ratings_projection_lag_seconds_count", ""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "movie_ratings_projection_lag_seconds_bucket", "le=\"+Inf\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "movie_ratings_projector_batch_size_messages_count", ""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "movie_ratings_db_query_seconds_count", "family=\"event_append\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "movie_ratings_db_query_seconds_count", "family=\"projection_apply\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "movie_ratings_db_query_seconds_count", "family=\"query_movies\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(
                        after,
                        "movie_ratings_db_query_seconds_bucket",
                        "family=\"event_append\",service=\"movie-ratings\",le=\"+Inf\""))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(after, "movie_ratings_outbox_unpublished_events", "")).isZero();
        assertThat(value(after, "movie_ratings_outbox_oldest_unpublished_age_seconds", ""))
                .isZero();
        assertThat(value(after, "movie_ratings_projection_watermark_position", ""))
                .isGreaterThanOrEqualTo(position);
        Files.writeString(Path.of("target", "metrics-after-traffic.prom"), after);
    }

    @Test
    void aPoisonMessageShowsAsFailuresRedeliveriesAndDeadLetterDepth() throws Exception {
        String before = scrape();
        runtime.queues()
                .sqs()
                .sendMessage(b -> b.queueUrl(runtime.queues().queueUrl()).messageBody("{\"not\":\"an event\"}"));
        String after = awaitScrape(metrics -> value(metrics, "movie_ratings_dlq_messages", "") >= 1);
        assertThat(delta(before, after, "movie_ratings_projector_failures_total", ""))
                .isGreaterThanOrEqualTo(2);
        assertThat(delta(before, after, "movie_ratings_projector_redeliveries_total", ""))
                .isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "movie_ratings_errors_total", "kind=\"projection_failed\""))
                .isGreaterThanOrEqualTo(2);
        runtime.queues().sqs().purgeQueue(b -> b.queueUrl(runtime.queues().deadLetterQueueUrl()));
        awaitScrape(metrics -> value(metrics, "movie_ratings_dlq_messages", "") == 0);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = client.send("GET", "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String awaitScrape(java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String metrics = scrape();
        while (!condition.test(metrics) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            metrics = scrape();
        }
        assertThat(condition.test(metrics))
                .as("metrics reached the expected state:\n" + metrics)
                .isTrue();
        return metrics;
    }

    private static double delta(String before, String after, String name, String labels) {
        return value(after, name, labels) - valueOrZero(before, name, labels);
    }

    private static double valueOrZero(String metrics, String name, String labels) {
        return find(metrics, name, labels).orElse(0);
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels}; fails if there is none. */
    static double value(String metrics, String name, String labels) {
        return find(metrics, name, labels)
                .orElseThrow(() -> new AssertionError("no sample " + name + "{" + labels + "} in\n" + metrics));
    }

    private static java.util.OptionalDouble find(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{.*\\})? (\\S+)$")
                .matcher(metrics);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            String labelSet = sample.group(1) == null ? "" : sample.group(1);
            if (labelSet.contains(labels)) {
                sum += Double.parseDouble(sample.group(2));
                found = true;
            }
        }
        return found ? java.util.OptionalDouble.of(sum) : java.util.OptionalDouble.empty();
    }
}
