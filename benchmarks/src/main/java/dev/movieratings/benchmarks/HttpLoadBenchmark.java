package dev.movieratings.benchmarks;

import dev.movieratings.local.LocalRuntime;
import dev.movieratings.local.LocalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throughput and latency of the public reads over real HTTP under concurrent load: wrk against the
 * local runtime (HTTP front → API Gateway v2 event → query function → PostgreSQL) seeded with
 * MovieLens as {@code ./run-local.sh} seeds it. Movie pages over 1,000 ids, the top list, and title
 * searches (words, typos, moved articles), each at 16 and 64 connections; the baseline, measured in
 * the same run right before them, is a static file served by the same front. Every route is warmed
 * first. {@code -Dhttp-load.seconds} (default 10) and {@code -Dhttp-load.warmup} (5) set the durations.
 * The functions' per-request access line is off during the load (it would print thousands of lines a
 * second); {@code -Dhttp-load.accessLog=true} keeps it.
 * Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests}, then
 * {@code java -jar benchmarks/target/benchmarks-exec.jar http-load}
 */
final class HttpLoadBenchmark {

    private static final int[] CONNECTIONS = {16, 64};
    private static final List<String> SEARCHES = List.of(
            "shawshenk",
            "godfater",
            "matrix",
            "star wars",
            "toy story",
            "the lord of the rings",
            "amelie",
            "miserables",
            "pulp fiction",
            "forrest",
            "alien",
            "jurassic",
            "batman",
            "harry potter",
            "casablanca",
            "fargo");

    private HttpLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        var wrk = Wrk.find();
        if (wrk.isEmpty()) {
            System.err.println(
                    "http-load needs wrk on the PATH: sudo apt-get install -y wrk (Debian/Ubuntu) or brew install wrk");
            System.exit(3);
        }
        int seconds = Integer.getInteger("http-load.seconds", 10);
        int warmUp = Integer.getInteger("http-load.warmup", 5);
        Map<String, String> functionEnvironment = Boolean.getBoolean("http-load.accessLog")
                ? Map.of()
                : Map.of("LOGGING_LEVEL_DEV_MOVIERATINGS_HTTP_APIGATEWAYFUNCTION", "WARN");
        Path data = Files.createTempDirectory("http-load-benchmark");
        try (LocalRuntime runtime =
                LocalRuntime.start(new LocalSettings(0, data, true, 30, 5, 2_000, functionEnvironment))) {
            String base = "http://127.0.0.1:" + runtime.port();
            List<Long> ids = JdbcClient.create(runtime.database().dataSource())
                    .sql("select movie_id from movies order by md5(movie_id::text) limit 1000")
                    .query(Long.class)
                    .list();
            Map<String, Path> routes = new LinkedHashMap<>();
            routes.put("baseline: static file GET /config.js", null);
            routes.put(
                    "movie page GET /api/movies/{id} (1,000 ids)",
                    script(
                            data,
                            "movie-page",
                            ids.stream().map(id -> "/api/movies/" + id).toList()));
            routes.put(
                    "top list GET /api/movies?sort=top&limit=20",
                    script(data, "top-list", List.of("/api/movies?sort=top&limit=20")));
            // every list next to the movie page, in the same run (issue 18)
            for (String list : List.of(
                    "sort=popular", "sort=recent", "sort=title", "sort=top&genre=Drama", "sort=top&year=1990-1999")) {
                routes.put(
                        "list GET /api/movies?" + list + "&limit=20",
                        script(data, list.replaceAll("[^a-z0-9]+", "-"), List.of("/api/movies?" + list + "&limit=20")));
            }
            routes.put(
                    "search GET /api/movies?q=… (16 titles, typos)",
                    script(
                            data,
                            "search",
                            SEARCHES.stream()
                                    .map(q -> "/api/movies?q=" + q.replace(' ', '+') + "&limit=20")
                                    .toList()));

            for (Path script : routes.values()) {
                Wrk.run(wrk.get(), base + "/config.js", 16, warmUp, script);
            }
            List<String> rows = new ArrayList<>(List.of(
                    "| route | connections | requests/s | p50 ms | p99 ms | failed |"
                            + " requests/s ÷ baseline | p99 ÷ baseline p99 |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- |"));
            for (int connections : CONNECTIONS) {
                Wrk.Result baseline = null;
                for (var route : routes.entrySet()) {
                    Wrk.Result result = Wrk.run(wrk.get(), base + "/config.js", connections, seconds, route.getValue());
                    baseline = baseline == null ? result : baseline;
                    rows.add(String.format(
                            "| %s | %d | %,.0f | %.2f | %.2f | %d of %,d | %.3f | %.1f× |",
                            route.getKey(),
                            connections,
                            result.requestsPerSecond(),
                            result.p50Millis(),
                            result.p99Millis(),
                            result.failed(),
                            result.requests(),
                            result.requestsPerSecond() / baseline.requestsPerSecond(),
                            result.p99Millis() / baseline.p99Millis()));
                    System.out.println(rows.get(rows.size() - 1));
                }
            }
            System.out.println();
            rows.forEach(System.out::println);
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }

    /** A wrk Lua script that sends GETs to the given paths in random order (null: wrk's own URL). */
    private static Path script(Path directory, String name, List<String> paths) throws Exception {
        String lua = "local paths = {\n"
                + paths.stream().map(p -> "  \"" + p + "\"").collect(Collectors.joining(",\n")) + "\n}\n"
                + "request = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n";
        return Files.writeString(directory.resolve(name + ".lua"), lua);
    }
}
