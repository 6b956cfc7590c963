package dev.movieratings.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventCopy;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.ProjectionWorkerApplication;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events/s the projector function applies (through FunctionInvoker, SQS event JSON, one transaction per
 * batch) at batch sizes 10 and 1,000, with one poller and with several invoking at once as the event
 * source mapping does, next to two baselines from the same run: a raw multi-row upsert of the same rows
 * into the same table (the floor for writing that much data at all), and the bare round trips a batch
 * of 10 costs (the floor for small batches). {@code -Dprojector.events=N} (default 20,000),
 * {@code -Dprojector.pollers=N} (default 4), {@code -Dprojector.batches=10,1000}.
 */
final class ProjectorThroughputBenchmark {

    private ProjectorThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("projector.events", 20_000);
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
                HikariDataSource pool = new HikariDataSource()) {
            DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
            logins.migrate(database.dataSource());
            pool.setJdbcUrl(database.jdbcUrl() + "?reWriteBatchedInserts=true");
            pool.setUsername(EmbeddedDatabase.USER);
            pool.setPassword(database.superuserPassword());
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            ProcessCpu cpu = ProcessCpu.of(jdbc);
            jdbc.update("insert into movies (movie_id, title) select g, 'Movie ' || g from generate_series(1, 1000) g");
            List<RatingSubmitted> events = events(count);
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                EventCopy.append(connection, events);
                connection.commit();
            }
            int pollers = Integer.getInteger("projector.pollers", 4);
            // one function instance per poller, as Lambda runs one instance per concurrent batch (each with its
            // own pool of two connections)
            List<LocalLambda> instances = new ArrayList<>();
            for (int i = 0; i < pollers; i++) {
                instances.add(LocalLambda.start(
                        ProjectionWorkerApplication.class, "projectRatingEvents", projectorLogin(logins)));
            }
            System.out.println("load average before: " + Benchmarks.loadAverage());
            List<String> table = new ArrayList<>(List.of(
                    "| what | batch | pollers | events | seconds | events/s | CPU s | events per CPU s |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- |"));
            for (int batch : Arrays.stream(
                            System.getProperty("projector.batches", "10,1000").split(","))
                    .mapToInt(Integer::parseInt)
                    .toArray()) {
                for (int concurrent : new int[] {1, pollers}) {
                    reset(jdbc);
                    StatementProfile.reset(jdbc);
                    long started = System.nanoTime();
                    long cpuBefore = cpu.nanos();
                    WaitSampler waits = WaitSampler.start(pool);
                    deliver(instances, events, batch, concurrent);
                    waits.close();
                    table.add(row(
                            "projector function",
                            batch,
                            concurrent,
                            events.size(),
                            System.nanoTime() - started,
                            cpu.nanos() - cpuBefore));
                    expectAllApplied(jdbc, events.size());
                    String run = "batch " + batch + ", " + concurrent + " poller(s)";
                    StatementProfile.print(jdbc, run, events.size());
                    waits.print(run);
                }
            }
            long bareCpu = cpu.nanos();
            long bare = bareRoundTrips(pool, events.size() / 10);
            table.add(row(
                    "baseline: the bare round trips of a batch of 10 (" + ROUND_TRIPS + " statements + commit)",
                    10,
                    1,
                    events.size(),
                    bare,
                    cpu.nanos() - bareCpu));
            reset(jdbc);
            long started = System.nanoTime();
            long upsertCpu = cpu.nanos();
            List<Object[]> upserts = new ArrayList<>();
            for (RatingSubmitted event : events) {
                upserts.add(
                        new Object[] {event.userId(), event.movieId(), event.stars(), Timestamp.from(event.occurredAt())
                        });
            }
            for (int from = 0; from < upserts.size(); from += 1_000) {
                jdbc.batchUpdate(
                        "insert into projection.user_ratings"
                                + " (user_id, movie_id, stream_version, stars, rated_since, updated_at)"
                                + " values (?, ?, 1, ?, ?, now())"
                                + " on conflict (user_id, movie_id) do update set stars = excluded.stars",
                        upserts.subList(from, Math.min(upserts.size(), from + 1_000)));
            }
            table.add(row(
                    "baseline: raw multi-row upsert of the rating rows",
                    1_000,
                    1,
                    events.size(),
                    System.nanoTime() - started,
                    cpu.nanos() - upsertCpu));
            table.forEach(System.out::println);
            System.out.println("load average after: " + Benchmarks.loadAverage());
        }
    }

    /**
     * A batch of ratings' round trips besides the commit (the statement profile counts them): failures + locks, stored
     * events, applied + streams, writes, similarity marks, the score history's two, the watchlist's and the helpful
     * votes' end marks, the helpful counts, the watermark (4 before issues 19 and 20).
     */
    private static final int ROUND_TRIPS = 11;

    private static void deliver(List<LocalLambda> instances, List<RatingSubmitted> events, int batch, int pollers)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(pollers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < events.size(); from += batch) {
                LocalLambda projector = instances.get((from / batch) % pollers);
                List<SqsEvents.Message> messages = new ArrayList<>();
                for (RatingSubmitted event : events.subList(from, Math.min(events.size(), from + batch))) {
                    messages.add(new SqsEvents.Message(
                            event.eventId().toString(),
                            "r",
                            BusEnvelope.wrap(event, "123456789012", "eu-west-1", event.occurredAt()),
                            1,
                            0));
                }
                String json = SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:projector");
                done.add(threads.submit(() -> {
                    String response = projector.invoke(json);
                    if (!SqsEvents.failedMessageIds(response).isEmpty()) {
                        throw new IllegalStateException("the projector failed messages: " + response);
                    }
                    return null;
                }));
            }
            for (Future<?> batchDone : done) {
                batchDone.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    private static void expectAllApplied(JdbcTemplate jdbc, int events) {
        Long rated = jdbc.queryForObject("select sum(rating_count) from projection.movie_scores", Long.class);
        if (rated == null || rated != events) {
            throw new IllegalStateException("expected " + events + " ratings in the projection, found " + rated);
        }
    }

    private static long bareRoundTrips(DataSource pool, int batches) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement("select 1")) {
            for (int batch = 0; batch < batches; batch++) {
                connection.setAutoCommit(false);
                for (int statement = 0; statement < ROUND_TRIPS; statement++) {
                    try (ResultSet one = select.executeQuery()) {
                        one.next();
                    }
                }
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
        return System.nanoTime() - started;
    }

    private static List<RatingSubmitted> events(int count) {
        Random random = new Random(3);
        List<RatingSubmitted> events = new ArrayList<>();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            // a few popular movies take most ratings, as on a real site
            long movie = random.nextInt(4) == 0 ? 1 + random.nextInt(1000) : 1 + random.nextInt(20);
            Instant when = at.plusSeconds(i);
            events.add(new RatingSubmitted(
                    UUID.randomUUID(),
                    "bench-user-" + i,
                    movie,
                    1,
                    when,
                    (1 + random.nextInt(10)) / 2.0,
                    null,
                    when,
                    null));
        }
        return events;
    }

    private static void reset(JdbcTemplate jdbc) {
        // every table a batch writes, the score history's included: a run must not find its events there already
        jdbc.execute("truncate projection.user_ratings, projection.movie_scores, projection.applied_events,"
                + " projection.score_timeline, projection.movie_score_history, projection.rating_totals_history,"
                + " projection.similarity_stale");
        jdbc.update("update projection.rating_totals set rating_count = 0, stars_sum = 0");
        jdbc.update("update projection.watermark set position = 0");
    }

    private static String row(String what, int batch, int pollers, int events, long nanos, long cpuNanos) {
        double seconds = nanos / 1e9;
        double cpuSeconds = cpuNanos / 1e9;
        return String.format(
                "| %s | %,d | %d | %,d | %.2f | %,.0f | %.2f | %,.0f |",
                what, batch, pollers, events, seconds, events / seconds, cpuSeconds, events / cpuSeconds);
    }

    /** The projector role's login, with an optional suffix to its JDBC URL (e.g. connection options). */
    private static Map<String, String> projectorLogin(DatabaseLogins logins) {
        Map<String, String> login = new HashMap<>(logins.springDataSource(DatabaseRole.PROJECTOR));
        login.put("SPRING_DATASOURCE_URL", logins.jdbcUrl() + System.getProperty("projector.urlSuffix", ""));
        return login;
    }
}
