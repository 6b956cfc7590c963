package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real Prometheus (Debian's package) scraping a running local runtime with the repository's own
 * prometheus.yml and rules: every query of every Grafana dashboard panel returns data, and every rule
 * loads and evaluates. Runs with -Pprometheus (.ci/run does, after installing Debian's prometheus package);
 * without the binary it fails, naming it.
 */
@Tag("prometheus")
class DashboardQueriesAgainstPrometheusIntegrationTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path OBSERVABILITY = REPOSITORY.resolve("observability");
    private static final Path DATA =
            Path.of("target", "local-runtime-prometheus").toAbsolutePath();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;
    private static Process prometheus;
    private static String prometheusUrl;

    @BeforeAll
    static void start() throws Exception {
        Path binary = Stream.of("/usr/bin/prometheus", "/usr/local/bin/prometheus")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (binary == null) {
            throw new IllegalStateException("prometheus is not installed (no /usr/bin/prometheus or"
                    + " /usr/local/bin/prometheus): apt-get install prometheus, as .ci/run does");
        }

        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 2, 300));
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= 3; movie++) {
            client.jdbc()
                    .sql("insert into movies (movie_id, title, genres) values (?, ?, '{Drama}')")
                    .params(movie, "Movie " + movie)
                    .update();
        }

        // the repository's own config, pointed at this runtime's port and this checkout's rules, scraping every second
        String config = Files.readString(OBSERVABILITY.resolve("prometheus/prometheus.yml"))
                .replace("127.0.0.1:8080", "127.0.0.1:" + runtime.port())
                .replace("scrape_interval: 5s", "scrape_interval: 1s")
                .replace("evaluation_interval: 5s", "evaluation_interval: 1s")
                .replace("- rules/*.yml", "- " + OBSERVABILITY.resolve("prometheus/rules") + "/*.yml");
        assertThat(config).contains("127.0.0.1:" + runtime.port()).contains("scrape_interval: 1s");
        Path home = Files.createDirectories(DATA.resolve("prometheus"));
        Files.writeString(home.resolve("prometheus.yml"), config);
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        prometheus = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + home.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + home.resolve("tsdb"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("prometheus.log").toFile())
                .start();
        awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void everyDashboardPanelQueryReturnsDataAndEveryRuleEvaluates() throws Exception {
        String token = client.token("grafana");
        runtime.queues()
                .sqs()
                .sendMessage(b -> b.queueUrl(runtime.queues().queueUrl()).messageBody("{\"not\":\"an event\"}"));
        // traffic over several scrapes, so rates over [1m] have samples that move
        for (int second = 0; second < 8; second++) {
            for (int movie = 1; movie <= 3; movie++) {
                assertThat(client.send(
                                        "PUT",
                                        "/api/movies/" + movie + "/rating",
                                        token,
                                        "{\"stars\":" + (1 + second % 4) + "}")
                                .statusCode())
                        .isEqualTo(202);
            }
            assertThat(client.send("PUT", "/api/movies/1/rating", token, "{\"stars\":9}")
                            .statusCode())
                    .isEqualTo(422);
            client.getJson("/api/movies?sort=top");
            client.getJson("/api/movies/1");
            Thread.sleep(1_000);
        }
        Thread.sleep(2_000);
        assertThat(query("up{job=\"movie-ratings\"}").get(0).get("value").get(1).asString())
                .isEqualTo("1");

        List<String> empty = new ArrayList<>();
        int queries = 0;
        try (Stream<Path> dashboards = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards
                    .filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                for (JsonNode panel : LocalRuntimeClient.JSON
                        .readTree(Files.readString(dashboard))
                        .get("panels")) {
                    for (JsonNode target : panel.get("targets")) {
                        String expr = target.get("expr").asString();
                        queries++;
                        if (query(expr).isEmpty()) {
                            empty.add(dashboard.getFileName() + " / "
                                    + panel.get("title").asString() + ": " + expr);
                        }
                    }
                }
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(30);
        assertThat(empty).as("panel queries without data").isEmpty();

        JsonNode groups = get("/api/v1/rules").get("data").get("groups");
        int rules = 0;
        for (JsonNode group : groups) {
            for (JsonNode rule : group.get("rules")) {
                rules++;
                assertThat(rule.get("health").asString())
                        .as(rule.get("name").asString() + ": "
                                + rule.path("lastError").asString())
                        .isEqualTo("ok");
            }
        }
        assertThat(rules).isEqualTo(11);
        // the poison message is in the DLQ, so that alert is at least pending
        assertThat(get("/api/v1/alerts").get("data").get("alerts").toString()).contains("MovieRatingsDeadLetters");
    }

    private static JsonNode query(String expr) throws Exception {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(answer.get("status").asString()).as(expr).isEqualTo("success");
        return answer.get("data").get("result");
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(prometheusUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return LocalRuntimeClient.JSON.readTree(response.body());
    }

    private static void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!prometheus.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited: " + Files.readString(DATA.resolve("prometheus/prometheus.log")));
            }
            try {
                if (HTTP.send(
                                        HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready in 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
