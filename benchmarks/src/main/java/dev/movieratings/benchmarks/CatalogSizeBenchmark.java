package dev.movieratings.benchmarks;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.query.QueryApiApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Do the lists cost the same at any catalogue size? The same list requests, through the query function
 * (FunctionInvoker, warm, in process), against 10,000 and 1,000,000 synthetic movies with about ten
 * ratings each (100k and 10M ratings, as projection rows: the lists read nothing else), on the first
 * page and on the 50th page of 20 (its cursor reached by paging). p50 and p99 side by side, and the
 * ratio 1M ÷ 10k (goal ≤ 1.5). {@code -Dcatalog.sizes=10000,1000000} and {@code -Dcatalog.iterations}
 * (default 300) change the run. The trigram title index is dropped before the load: searches are not
 * measured here and keeping it up would triple the load's time.
 * Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests}, then
 * {@code java -jar benchmarks/target/benchmarks-exec.jar catalog}
 */
final class CatalogSizeBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> LISTS = List.of(
            "sort=top",
            "sort=popular",
            "sort=recent",
            "sort=title",
            "sort=top&genre=Drama",
            "sort=popular&genre=War",
            "sort=title&genre=Comedy",
            "sort=recent&year=1990-1999",
            "sort=top&genre=Drama&year=1990-1999");

    private CatalogSizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = Integer.getInteger("catalog.iterations", 300);
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("catalog.sizes", "10000,1000000").split(",")) {
            sizes.add(Integer.parseInt(size.strip()));
        }
        Map<Integer, Map<String, Latencies>> bySize = new LinkedHashMap<>();
        for (int size : sizes) {
            bySize.put(size, measure(size, iterations));
        }
        int small = sizes.get(0);
        int large = sizes.get(sizes.size() - 1);
        System.out.printf(
                "| list GET /api/movies?…&limit=20 | page | %,d movies p50 / p99 ms | %,d movies p50 / p99 ms"
                        + " | p50 ratio | p99 ratio |%n",
                small, large);
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        Map<String, Latencies> smallRuns = Objects.requireNonNull(bySize.get(small));
        Map<String, Latencies> largeRuns = Objects.requireNonNull(bySize.get(large));
        for (String name : smallRuns.keySet()) {
            Latencies a = Objects.requireNonNull(smallRuns.get(name));
            Latencies b = Objects.requireNonNull(largeRuns.get(name));
            String[] parts = name.split(" ", 2);
            System.out.printf(
                    "| %s | %s | %.2f / %.2f | %.2f / %.2f | %.2f× | %.2f× |%n",
                    parts[0], parts[1], a.p50(), a.p99(), b.p50(), b.p99(), b.p50() / a.p50(), b.p99() / a.p99());
        }
    }

    private static Map<String, Latencies> measure(int movies, int iterations) throws Exception {
        Map<String, Latencies> results = new LinkedHashMap<>();
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"))) {
            DatabaseMigrations.migrate(database.dataSource());
            long started = System.nanoTime();
            seed(JdbcClient.create(database.dataSource()), movies);
            System.out.printf("seeded %,d movies in %.0f s%n", movies, (System.nanoTime() - started) / 1e9);
            System.setProperty("spring.datasource.url", database.jdbcUrl());
            System.setProperty("CURSOR_SIGNING_KEY", "cmVhZC1iZW5jaG1hcmstY3Vyc29yLXNpZ25pbmcta2V5");
            LocalLambda queries = LocalLambda.start(QueryApiApplication.class, "movieQueries");
            for (String list : LISTS) {
                String first = list + "&limit=20";
                String cursor = null;
                for (int page = 1; page < 50; page++) {
                    JsonNode body = JSON.readTree(ApiGatewayEvents.parseResponse(
                                    queries.invoke(get(first + (cursor == null ? "" : "&cursor=" + cursor))))
                            .body());
                    cursor = body.get("nextCursor").asString();
                }
                String fiftieth = first + "&cursor=" + cursor;
                for (boolean paging : List.of(false, true)) {
                    String event = get(paging ? fiftieth : first);
                    for (int n = 0; n < iterations; n++) {
                        queries.invoke(event); // warm-up
                    }
                    Latencies latencies = new Latencies();
                    for (int n = 0; n < iterations; n++) {
                        latencies.time(() -> queries.invoke(event));
                    }
                    results.put(list + (paging ? " 50" : " 1"), latencies);
                    System.out.printf(
                            "%,d movies %s page %s: p50 %.2f ms p99 %.2f ms%n",
                            movies, list, paging ? "50" : "1", latencies.p50(), latencies.p99());
                }
            }
        }
        return results;
    }

    /**
     * Ten genres, two per movie, years 1900–2019, titles in no relation to ids; nine movies in ten
     * rated, 1–19 ratings each (mean 10), means and last ratings spread by a hash of the id; then the
     * totals, the list basis and every stored weighted rating, as the rebuild leaves them.
     */
    private static void seed(JdbcClient jdbc, int movies) {
        jdbc.sql("drop index movies_search_key_trgm").update();
        jdbc.sql("""
                        insert into movies (movie_id, title, release_year, genres)
                        select i, 'Movie ' || md5(i::text), 1900 + i % 120,
                          array[g[1 + i % 10], g[1 + (i / 10 + 3) % 10]]
                        from generate_series(1, :movies) i,
                          (select array['Action', 'Adventure', 'Comedy', 'Crime', 'Drama', 'Horror', 'Romance',
                            'Sci-Fi', 'Thriller', 'War'] as g) genres
                        """).param("movies", movies).update();
        jdbc.sql("""
                        insert into projection.movie_scores (movie_id, rating_count, stars_sum, last_rated_at)
                        select i, c, c * (1 + abs(hashint4(i * 7)) % 9) / 2.0,
                          timestamptz '2026-01-01' + abs(hashint4(i * 3)) % 100000000 * interval '1 second'
                        from generate_series(1, :movies) i, lateral (select 1 + abs(hashint4(i)) % 19 as c) n
                        where i % 10 <> 0
                        """).param("movies", movies).update();
        jdbc.sql("""
                        update projection.rating_totals t set rating_count = s.c, stars_sum = s.s, list_mean = s.s / s.c
                        from (select sum(rating_count) as c, sum(stars_sum) as s from projection.movie_scores) s
                        """).update();
        jdbc.sql("""
                        update projection.movie_scores s
                        set weighted = (s.stars_sum + t.list_min_votes * t.list_mean)
                          / (s.rating_count + t.list_min_votes)
                        from projection.rating_totals t
                        """).update();
        jdbc.sql("vacuum analyze").update();
    }

    private static String get(String query) {
        return ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET /api/movies",
                "/api/movies",
                Map.of(),
                query,
                Map.of("accept", "application/json"),
                null,
                null));
    }
}
