package dev.movieratings.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import com.zaxxer.hikari.HikariDataSource;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.query.QueryApiApplication;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Does reading a precomputed score cost the same at 1k, 100k and 1M ratings, and how does it compare
 * with computing it from the events on every read? One run measures, for movies with 1,000, 100,000
 * and 1,000,000 rating events:
 * <ul>
 * <li>compute-on-read: count/avg over the event table for the movie (with an index on movie_id);</li>
 * <li>the projection read as a raw JDBC primary-key lookup;</li>
 * <li>the movie page through the query function (FunctionInvoker, warm, in process).</li>
 * </ul>
 * Run: {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks-exec.jar read}
 */
final class ReadBenchmark {

    private static final long[] SIZES = {1_000, 100_000, 1_000_000};

    private ReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.getInteger("iterations", 200);
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
             HikariDataSource pool = new HikariDataSource()) {
            DatabaseMigrations.migrate(database.dataSource());
            // a pooled connection, as the functions have: the raw lookup must not pay for connecting
            pool.setJdbcUrl(database.jdbcUrl());
            pool.setMaximumPoolSize(2);
            JdbcClient jdbc = JdbcClient.create(pool);
            seed(jdbc);
            System.setProperty("spring.datasource.url", database.jdbcUrl());
            LocalLambda queries = LocalLambda.start(QueryApiApplication.class, "movieQueries");

            List<String> rows = new ArrayList<>();
            rows.add("| ratings of the movie | compute-on-read p50 ms | projection PK lookup p50 ms | query function p50 ms | query function p99 ms | compute-on-read ÷ function p50 |");
            rows.add("| --- | --- | --- | --- | --- | --- |");
            for (int i = 0; i < SIZES.length; i++) {
                long movie = i + 1;
                double[] computeOnRead = measure(Math.max(5, iterations / 20), () -> jdbc.sql(
                        "select avg((payload ->> 'stars')::numeric) from rating_events where movie_id = ?")
                        .param(movie).query(java.math.BigDecimal.class).single().longValue());
                double[] lookup = measure(iterations, () -> jdbc.sql("select rating_count from projection.movie_scores where movie_id = ?")
                        .param(movie).query(Long.class).single());
                String event = ApiGatewayEvents.toJson(new ApiGatewayEvents.Request("GET", "GET /api/movies/{id}", "/api/movies/" + movie,
                        Map.of("id", Long.toString(movie)), "", Map.of("accept", "application/json"), null, null));
                double[] function = measure(iterations, () -> queries.invoke(event).length());
                rows.add(String.format("| %,d | %.2f | %.3f | %.3f | %.3f | %.0f× |", SIZES[i], computeOnRead[0], lookup[0], function[0], function[1],
                        computeOnRead[0] / function[0]));
            }
            rows.forEach(System.out::println);
        }
    }

    /** One event per (user, movie), 0.5–5.0 stars, built in SQL; the projection rows from one GROUP BY. */
    private static void seed(JdbcClient jdbc) {
        for (int i = 0; i < SIZES.length; i++) {
            long movie = i + 1;
            jdbc.sql("insert into movies (movie_id, title) values (?, ?)").params(movie, "Benchmark movie " + movie).update();
            jdbc.sql("insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version, occurred_at, payload)"
                            + " select gen_random_uuid(), 'RatingSubmitted', 1, 'bench-' || g, ?, 1, now(),"
                            + " jsonb_build_object('type', 'RatingSubmitted', 'stars', ((g % 10) + 1) / 2.0)"
                            + " from generate_series(1, ?) g")
                    .params(movie, SIZES[i]).update();
        }
        jdbc.sql("create index rating_events_movie on rating_events (movie_id)").update();
        jdbc.sql("insert into projection.movie_scores (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at)"
                + " select s.movie_id, s.n, s.total, (select array_agg(coalesce(h.c, 0) order by b) from generate_series(1, 10) b"
                + "   left join (select ((payload ->> 'stars')::numeric * 2)::int as bucket, count(*) as c from rating_events"
                + "     where movie_id = s.movie_id group by 1) h on h.bucket = b)::bigint[], 0, now()"
                + " from (select movie_id, count(*) as n, sum((payload ->> 'stars')::numeric) as total from rating_events group by movie_id) s")
                .update();
        jdbc.sql("update projection.rating_totals set rating_count = (select sum(rating_count) from projection.movie_scores),"
                + " stars_sum = (select sum(stars_sum) from projection.movie_scores)").update();
        jdbc.sql("analyze").update();
    }

    /** p50 and p99 in milliseconds, after a warm-up of a tenth of the iterations. */
    private static double[] measure(int iterations, LongSupplier call) {
        for (int i = 0; i < Math.max(1, iterations / 10); i++) {
            call.getAsLong();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long started = System.nanoTime();
            call.getAsLong();
            nanos.add(System.nanoTime() - started);
        }
        Collections.sort(nanos);
        return new double[] {nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) Math.ceil(nanos.size() * 0.99) - 1) / 1e6};
    }
}
