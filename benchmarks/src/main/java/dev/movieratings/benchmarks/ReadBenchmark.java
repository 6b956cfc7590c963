package dev.movieratings.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.eventstore.GeneratedEvents;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.query.QueryApiApplication;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Does reading a precomputed score cost the same at 1k, 100k and 1M ratings, how does it compare
 * with computing it from the events on every read, and what does the query function add to the raw
 * read? One run measures, for movies with 1,000, 100,000 and 1,000,000 rating events:
 * <ul>
 * <li>compute-on-read: count/avg over the event table for the movie (with an index on movie_id);</li>
 * <li>the projection read as a raw JDBC primary-key lookup (the baseline);</li>
 * <li>the movie page's own statements as raw JDBC (what the function cannot avoid);</li>
 * <li>the movie page through the query function (FunctionInvoker, warm, in process);</li>
 * </ul>
 * and the top list and a title search over a 10,000-movie catalogue through the same function. The
 * baseline and the function are timed in turn inside one loop, so both see the same machine noise.
 * Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests}, then
 * {@code java -jar benchmarks/target/benchmarks-exec.jar read}
 */
final class ReadBenchmark {

    private static final long[] SIZES = {1_000, 100_000, 1_000_000};
    private static final int CATALOGUE = 10_000;

    private ReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int iterations = Integer.getInteger("iterations", 2_000);
        int warmUp = Integer.getInteger("read.warmup", 5_000);
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
                HikariDataSource pool = new HikariDataSource()) {
            DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
            logins.migrate(database.dataSource());
            // a pooled connection, as the functions have: the raw lookup must not pay for connecting
            pool.setJdbcUrl(database.jdbcUrl());
            pool.setUsername(EmbeddedDatabase.USER);
            pool.setPassword(database.superuserPassword());
            pool.setMaximumPoolSize(2);
            JdbcClient jdbc = JdbcClient.create(pool);
            seed(pool, jdbc);
            Map<String, String> environment = logins.springDataSource(
                    DatabaseRole.QUERY, Map.of("CURSOR_SIGNING_KEY", "cmVhZC1iZW5jaG1hcmstY3Vyc29yLXNpZ25pbmcta2V5"));
            LocalLambda queries = LocalLambda.start(QueryApiApplication.class, "movieQueries", environment);
            String topList = get("GET /api/movies", "/api/movies", Map.of(), "sort=top&limit=20");
            String search = get(
                    "GET /api/movies", "/api/movies", Map.of(), "q=a1d0c6&limit=20"); // the start of movie 142's title
            // Long enough for the JIT to compile the whole request path: a short warm-up leaves
            // interpreted and C1 frames in the measured calls, and they show up as the p99.
            for (int i = 0; i < warmUp; i++) {
                queries.invoke(moviePage(1 + i % SIZES.length));
                jdbc.sql("select rating_count from projection.movie_scores where movie_id = ?")
                        .param(1 + i % SIZES.length)
                        .query(Long.class)
                        .single();
                if (i % 10 == 0) {
                    queries.invoke(topList);
                    queries.invoke(search);
                }
            }

            List<String> rows = new ArrayList<>();
            rows.add("| ratings of the movie | compute-on-read p50 ms | PK lookup p50 / p99 ms"
                    + " | page statements raw p50 / p99 ms"
                    + " | function p50 / p99 ms | function p99 without GC-hit calls ms | calls hit by GC"
                    + " | function p99 ÷ lookup p99 | compute-on-read ÷ function p50 |");
            rows.add("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            Latencies lastLookup = null;
            for (int i = 0; i < SIZES.length; i++) {
                long movie = i + 1;
                Latencies computeOnRead = new Latencies();
                for (int n = 0; n < Integer.getInteger("read.computeIterations", 10); n++) {
                    computeOnRead.time(() -> jdbc.sql(
                                    "select avg((payload ->> 'stars')::numeric) from rating_events where movie_id = ?")
                            .param(movie)
                            .query(BigDecimal.class)
                            .single());
                }
                Latencies lookup = new Latencies();
                Latencies statements = new Latencies();
                Latencies function = new Latencies();
                String event = moviePage(movie);
                for (int n = 0; n < iterations; n++) {
                    lookup.time(() -> jdbc.sql("select rating_count from projection.movie_scores where movie_id = ?")
                            .param(movie)
                            .query(Long.class)
                            .single());
                    statements.time(() -> pageStatements(jdbc, movie));
                    function.time(() -> queries.invoke(event));
                }
                rows.add(String.format(
                        "| %,d | %.2f | %.3f / %.3f | %.3f / %.3f | %.3f / %.3f | %.3f | %d of %d | %.0f× | %.0f× |",
                        SIZES[i],
                        computeOnRead.p50(),
                        lookup.p50(),
                        lookup.p99(),
                        statements.p50(),
                        statements.p99(),
                        function.p50(),
                        function.p99(),
                        function.p99WithoutCollections(),
                        function.hitByCollection(),
                        function.count(),
                        function.p99() / lookup.p99(),
                        computeOnRead.p50() / function.p50()));
                lastLookup = lookup;
            }
            rows.forEach(System.out::println);
            System.out.println();
            listRows(
                            jdbc,
                            queries,
                            iterations,
                            Map.of(
                                    "top list: GET /api/movies?sort=top&limit=20",
                                    topList,
                                    "title search: GET /api/movies?q=a1d0c6 (one title of 10,000 matches)",
                                    search))
                    .forEach(System.out::println);
        }
    }

    /** The top list and the search, each timed in turn with the raw PK lookup in the same loop. */
    private static List<String> listRows(
            JdbcClient jdbc, LocalLambda queries, int iterations, Map<String, String> events) {
        List<String> rows = new ArrayList<>();
        rows.add("| read (" + CATALOGUE / 1000
                + "k-movie catalogue) | function p50 / p99 ms | p99 without GC-hit calls ms"
                + " | PK lookup p50 / p99 ms | function p99 ÷ lookup p99 |");
        rows.add("| --- | --- | --- | --- | --- |");
        new java.util.TreeMap<>(events).forEach((name, event) -> {
            Latencies lookup = new Latencies();
            Latencies function = new Latencies();
            for (int n = 0; n < iterations; n++) {
                lookup.time(() -> jdbc.sql("select rating_count from projection.movie_scores where movie_id = ?")
                        .param(1L)
                        .query(Long.class)
                        .single());
                function.time(() -> queries.invoke(event));
            }
            rows.add(String.format(
                    "| %s | %.3f / %.3f | %.3f | %.3f / %.3f | %.0f× |",
                    name,
                    function.p50(),
                    function.p99(),
                    function.p99WithoutCollections(),
                    lookup.p50(),
                    lookup.p99(),
                    function.p99() / lookup.p99()));
        });
        return rows;
    }

    /**
     * The round trips the movie page makes, without the function around them: the watermark, then the
     * movie row with its scores and C.
     */
    private static void pageStatements(JdbcClient jdbc, long movie) {
        jdbc.sql("select position from projection.watermark").query(Long.class).single();
        jdbc.sql("select m.movie_id, m.title, m.release_year, m.genres,"
                        + " s.rating_count, s.stars_sum, s.histogram, s.review_count,"
                        + " (select stars_sum / nullif(rating_count, 0) from projection.rating_totals) as c"
                        + " from movies m left join projection.movie_scores s on s.movie_id = m.movie_id"
                        + " where m.movie_id = ?")
                .param(movie)
                .query()
                .listOfRows();
    }

    private static String moviePage(long movie) {
        return get("GET /api/movies/{id}", "/api/movies/" + movie, Map.of("id", Long.toString(movie)), "");
    }

    private static String get(String routeKey, String path, Map<String, String> pathParameters, String query) {
        return ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET", routeKey, path, pathParameters, query, Map.of("accept", "application/json"), null, null));
    }

    /**
     * One event per (user, movie), 0.5–5.0 stars, built in SQL; the projection rows from one GROUP BY.
     * Then a catalogue of 10,000 more movies with projection rows only (the lists read nothing else).
     */
    // only what the naive read below looks at: the type and the stars
    private static final String EVENTS = """
            select gen_random_uuid(), 'RatingSubmitted', 1, 'bench-' || g, ?, 1, now(),
                   jsonb_build_object('type', 'RatingSubmitted', 'stars', ((g % 10) + 1) / 2.0)
            from generate_series(1, ?) g""";

    private static void seed(DataSource pool, JdbcClient jdbc) throws SQLException {
        for (int i = 0; i < SIZES.length; i++) {
            long movie = i + 1;
            jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                    .params(movie, "Benchmark movie " + movie)
                    .update();
            try (Connection connection = pool.getConnection()) {
                GeneratedEvents.append(connection, EVENTS, movie, SIZES[i]);
            }
        }
        jdbc.sql("create index rating_events_movie on rating_events (movie_id)").update();
        jdbc.sql("insert into projection.movie_scores"
                        + " (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at)"
                        + " select s.movie_id, s.n, s.total,"
                        + " (select array_agg(coalesce(h.c, 0) order by b) from generate_series(1, 10) b"
                        + "   left join (select ((payload ->> 'stars')::numeric * 2)::int as bucket,"
                        + " count(*) as c from rating_events"
                        + "     where movie_id = s.movie_id group by 1) h on h.bucket = b)::bigint[], 0, now()"
                        + " from (select movie_id, count(*) as n, sum((payload ->> 'stars')::numeric) as total"
                        + " from rating_events group by movie_id) s")
                .update();
        jdbc.sql("insert into movies (movie_id, title, release_year, genres)"
                        + " select 100 + g, substr(md5(g::text), 1, 10) || ' story', 1950 + g % 70,"
                        + " array['Drama'] from generate_series(1, ?) g")
                .param(CATALOGUE)
                .update();
        // counts like MovieLens's: most movies have a few ratings, a few have hundreds
        jdbc.sql("insert into projection.movie_scores (movie_id, rating_count, stars_sum, last_rated_at)"
                        + " select 100 + g, n, round(n * (2 + (g % 7) / 2.0), 1),"
                        + " now() - g * interval '1 minute'"
                        + " from generate_series(1, ?) g,"
                        + " lateral (select 1 + (g * 7919) % (1 + 300 / (1 + g % 50)) as n) c")
                .param(CATALOGUE)
                .update();
        jdbc.sql("update projection.rating_totals"
                        + " set rating_count = (select sum(rating_count) from projection.movie_scores),"
                        + " stars_sum = (select sum(stars_sum) from projection.movie_scores)")
                .update();
        jdbc.sql("analyze").update();
    }
}
