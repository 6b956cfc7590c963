package dev.movieratings.benchmarks;

import dev.movieratings.local.LocalRuntime;
import dev.movieratings.local.LocalSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Freshness on the local runtime over real HTTP: PUT accepted → the movie page's projectedThrough has
 * reached the write's position, for {@code -Dfreshness.ratings} ratings (default 1,000), one at a
 * time. The baseline measured in the same run is a plain GET of the same page (the floor of any poll).
 */
final class FreshnessBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FreshnessBenchmark() {}

    public static void main(String[] args) throws Exception {
        int ratings = Integer.getInteger("freshness.ratings", 1_000);
        Path data = Files.createTempDirectory("freshness-benchmark");
        try (LocalRuntime runtime = LocalRuntime.start(new LocalSettings(0, data, false, 30, 5, 2_000))) {
            JdbcClient.create(runtime.database().dataSource())
                    .sql("insert into movies (movie_id, title) select g, 'Movie ' || g from generate_series(1, 50) g")
                    .update();
            String base = "http://127.0.0.1:" + runtime.port();
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < 20; u++) {
                tokens.add(JSON.readTree(send(base + "/api/dev/token", "POST", null, "{\"user\":\"fresh" + u + "\"}")
                                .body())
                        .get("token")
                        .asString());
            }
            Random random = new Random(1);
            List<Long> visible = new ArrayList<>();
            List<Long> plainGet = new ArrayList<>();
            for (int i = 0; i < ratings + 50; i++) {
                int movie = 1 + random.nextInt(50);
                long started = System.nanoTime();
                String accepted = send(
                                base + "/api/movies/" + movie + "/rating",
                                "PUT",
                                tokens.get(random.nextInt(tokens.size())),
                                "{\"stars\":" + (1 + random.nextInt(10)) / 2.0 + "}")
                        .body();
                long position = JSON.readTree(accepted).get("position").asLong();
                while (JSON.readTree(send(base + "/api/movies/" + movie, "GET", null, null)
                                        .body())
                                .get("projectedThrough")
                                .asLong()
                        < position) {
                    Thread.sleep(2);
                }
                long took = System.nanoTime() - started;
                long getStarted = System.nanoTime();
                send(base + "/api/movies/" + movie, "GET", null, null);
                if (i >= 50) {
                    visible.add(took);
                    plainGet.add(System.nanoTime() - getStarted);
                }
            }
            Collections.sort(visible);
            Collections.sort(plainGet);
            System.out.println("| measured over real HTTP | n | p50 ms | p99 ms |");
            System.out.println("| --- | --- | --- | --- |");
            System.out.printf(
                    "| PUT accepted → visible in GET /api/movies/{id} | %d | %.1f | %.1f |%n",
                    visible.size(), ms(visible, 50), ms(visible, 99));
            System.out.printf(
                    "| baseline: one GET /api/movies/{id} | %d | %.1f | %.1f |%n",
                    plainGet.size(), ms(plainGet, 50), ms(plainGet, 99));
        }
    }

    private static HttpResponse<String> send(String url, String method, @Nullable String token, @Nullable String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double ms(List<Long> sorted, int percentile) {
        return sorted.get((int) Math.ceil(percentile / 100.0 * sorted.size()) - 1) / 1e6;
    }
}
