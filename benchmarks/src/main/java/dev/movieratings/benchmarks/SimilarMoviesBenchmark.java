// Over 250 lines: one benchmark run end to end (seed, like flips, each refresh size), read as one report.
package dev.movieratings.benchmarks;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.local.seed.MovieLensImport;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.application.ProjectionStore;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.SimilarityRefreshReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What similar movies cost (issue 19): on the MovieLens seed and on {@code -Dsimilar.events=N} synthetic events
 * (default 10,000,000; {@link SyntheticEvents}), each in its own embedded PostgreSQL after a rebuild:
 * <ul>
 * <li>per event: 2,000 new events that each flip a like (a rating of 4.0 or more to 3.0, or under 4.0 to 4.5)
 * applied by the projector's use case in batches of 10; the time of the batches, and of the one statement
 * that marks the movies stale (the only work similar movies add to the projector);</li>
 * <li>per refresh: the refresh after those events, one for the most liked movie alone, one each for 10 and 100
 * movies drawn as events draw them (by popularity), and a full one (every movie marked, as after a bulk
 * import).</li>
 * </ul>
 * Verify must stay clean at the end (it recomputes every pair in Java). On the synthetic table
 * {@code -Dsimilar.synthetic.full=false} leaves out the refresh after the events, the full refresh and verify
 * (the rebuild's own time includes computing every pair), to fit a session.
 */
final class SimilarMoviesBenchmark {

    private static final int EVENTS = 2_000;
    private static final int BATCH = 10;

    private SimilarMoviesBenchmark() {}

    public static void main(String[] args) throws Exception {
        long synthetic = Long.getLong("similar.events", 10_000_000);
        List<String> rows = new ArrayList<>(List.of(
                "| ratings | likes | pair rows | rebuild s | projector ms/event | of it: stale mark ms/event"
                        + " | of it: score history ms/event"
                        + " | refresh after 2,000 events (movies, ms) | most liked movie alone ms | 10 movies ms"
                        + " | 100 movies ms | full refresh ms | verify s |",
                "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
        rows.add(run("MovieLens ml-latest-small", true, data -> {
            MovieLensImport.Report imported = new MovieLensImport(data).importAll();
            System.out.printf("imported %,d MovieLens ratings%n", imported.ratings());
        }));
        if (synthetic > 0) {
            boolean full = !"false".equals(System.getProperty("similar.synthetic.full"));
            rows.add(run("synthetic", full, data -> SyntheticEvents.generate(data, synthetic)));
        }
        rows.forEach(System.out::println);
    }

    private static String run(String name, boolean full, RebuildBenchmark.Seed seed) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"))) {
            DataSource data = database.dataSource();
            DatabaseMigrations.migrate(data);
            long started = System.nanoTime();
            seed.into(data);
            System.out.printf("%s: seeded in %.1f s%n", name, seconds(started));
            ProjectionMaintenance maintenance = JdbcProjectionMaintenance.create(data);
            started = System.nanoTime();
            maintenance.rebuildAll();
            double rebuild = seconds(started);
            System.out.printf("%s: rebuilt in %.1f s%n", name, rebuild);
            JdbcTemplate jdbc = new JdbcTemplate(data);
            jdbc.execute("analyze");
            long ratings = count(jdbc, "select count(*) from projection.user_ratings where stars is not null");
            long likes = count(jdbc, "select count(*) from projection.user_ratings where stars >= 4.0");

            Timed timed = applyLikeFlips(data, jdbc);
            System.out.printf(
                    "%s: %d like flips, %.2f ms/event, of it %.3f ms/event marking stale,"
                            + " %.2f ms/event score history%n",
                    name,
                    EVENTS,
                    timed.batchNanos / 1e6 / EVENTS,
                    timed.markNanos / 1e6 / EVENTS,
                    timed.historyNanos / 1e6 / EVENTS);
            SimilarityRefreshReport afterEvents = null;
            if (full) {
                afterEvents = maintenance.refreshSimilarMovies();
                System.out.printf("%s: refresh after %d events: %s%n", name, EVENTS, afterEvents);
            } else {
                jdbc.update("delete from projection.similarity_stale");
            }

            jdbc.update("""
                    insert into projection.similarity_stale (movie_id)
                    select movie_id from projection.user_ratings where stars >= 4.0
                    group by movie_id order by count(*) desc limit 1""");
            SimilarityRefreshReport mostLiked = maintenance.refreshSimilarMovies();
            System.out.printf("%s: most liked %s%n", name, mostLiked);
            SimilarityRefreshReport ten = refreshDrawn(jdbc, maintenance, 10);
            System.out.printf("%s: 10 drawn %s%n", name, ten);
            SimilarityRefreshReport hundred = refreshDrawn(jdbc, maintenance, 100);
            System.out.printf("%s: 100 drawn %s%n", name, hundred);
            SimilarityRefreshReport all = null;
            if (full) {
                jdbc.update("insert into projection.similarity_stale (movie_id) select movie_id from movies");
                all = maintenance.refreshSimilarMovies();
                System.out.printf("%s: full %s%n", name, all);
            }
            long pairRows = count(jdbc, "select count(*) from projection.similar_movies");
            double verify = Double.NaN;
            if (full) {
                started = System.nanoTime();
                var report = maintenance.verify();
                verify = seconds(started);
                report.differences().stream().limit(20).forEach(d -> System.out.println("DIFFERENCE " + d));
                if (!report.clean()) {
                    throw new IllegalStateException(name + ": verify found differences");
                }
            }
            return String.format(
                    "| %s: %,d | %,d | %,d | %.1f | %.2f | %.3f | %.2f | %s | %d | %d | %d | %s | %s |",
                    name,
                    ratings,
                    likes,
                    pairRows,
                    rebuild,
                    timed.batchNanos / 1e6 / EVENTS,
                    timed.markNanos / 1e6 / EVENTS,
                    timed.historyNanos / 1e6 / EVENTS,
                    afterEvents == null
                            ? "not run"
                            : afterEvents.movies() + ", " + afterEvents.took().toMillis(),
                    mostLiked.took().toMillis(),
                    ten.took().toMillis(),
                    hundred.took().toMillis(),
                    all == null ? "not run" : Long.toString(all.took().toMillis()),
                    Double.isNaN(verify) ? "not run" : String.format("%.1f", verify));
        }
    }

    /** Marks {@code n} movies drawn by popularity (the movies of random current ratings) and refreshes them. */
    private static SimilarityRefreshReport refreshDrawn(JdbcTemplate jdbc, ProjectionMaintenance maintenance, int n) {
        jdbc.update("""
                insert into projection.similarity_stale (movie_id)
                select movie_id from (select distinct movie_id
                                      from projection.user_ratings tablesample bernoulli (1) repeatable (42)
                                      where stars is not null) drawn
                order by hashint8(movie_id) limit ?
                on conflict do nothing""", n);
        return maintenance.refreshSimilarMovies();
    }

    /** Time spent in the projector's batches, and in its stale marks alone. */
    private static final class Timed {
        long batchNanos;
        long markNanos;
        long historyNanos;
    }

    /** 2,000 current ratings drawn at random, each moved across the like line by a new version of its stream. */
    private static Timed applyLikeFlips(DataSource data, JdbcTemplate jdbc) {
        List<RatingEvent> events = jdbc.query(
                """
                select user_id, movie_id, stream_version, stars, rated_since
                from projection.user_ratings tablesample system (5)
                where stars is not null limit ?""",
                (rs, n) -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    double stars = rs.getBigDecimal("stars").doubleValue();
                    return new RatingSubmitted(
                            UUID.randomUUID(),
                            rs.getString("user_id"),
                            rs.getLong("movie_id"),
                            rs.getInt("stream_version") + 1,
                            now,
                            stars >= 4.0 ? 3.0 : 4.5,
                            stars,
                            rs.getTimestamp("rated_since").toInstant(),
                            null);
                },
                EVENTS);
        long after = count(jdbc, "select coalesce(max(position), 0) from rating_events");
        events.forEach(event -> EventTable.append(data, event));
        List<StoredEvent> stored = new EventTable(JdbcClient.create(data)).between(after, Long.MAX_VALUE);
        Timed timed = new Timed();
        ProjectionStore store = new TimingStore(
                ProjectionWriter.live(JdbcClient.create(data), WeightedRating.DEFAULT_MINIMUM_VOTES), timed);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(data));
        for (int from = 0; from < stored.size(); from += BATCH) {
            List<StoredEvent> batch = stored.subList(from, Math.min(stored.size(), from + BATCH));
            long started = System.nanoTime();
            transaction.executeWithoutResult(status -> ProjectionBatch.apply(store, batch));
            timed.batchNanos += System.nanoTime() - started;
        }
        return timed;
    }

    /** The live tables, with the stale marks timed. */
    private record TimingStore(ProjectionStore tables, Timed timed) implements ProjectionStore {
        @Override
        public void lockStreams(Collection<StoredEvent> events, Collection<UUID> resolvingFailuresOf) {
            tables.lockStreams(events, resolvingFailuresOf);
        }

        @Override
        public Recorded recordApplied(Collection<StoredEvent> events) {
            return tables.recordApplied(events);
        }

        @Override
        public void writeChanges(ProjectionFold fold) {
            tables.writeChanges(fold);
        }

        @Override
        public Set<UUID> writeWatchlist(List<StoredEvent> watchlist, List<StoredEvent> submitted) {
            return tables.writeWatchlist(watchlist, submitted);
        }

        @Override
        public Set<UUID> writeHelpful(List<StoredEvent> votes, List<StoredEvent> reviewEnds) {
            return tables.writeHelpful(votes, reviewEnds);
        }

        @Override
        public void writeTags(List<RatingEvent> tags) {
            tables.writeTags(tags);
        }

        @Override
        public void writeHistory(List<RatingEvent> events) {
            long started = System.nanoTime();
            tables.writeHistory(events);
            timed.historyNanos += System.nanoTime() - started;
        }

        @Override
        public void writeDiary(List<RatingEvent> events) {
            tables.writeDiary(events);
        }

        @Override
        public void markSimilarityStale(Collection<Long> movies) {
            long started = System.nanoTime();
            tables.markSimilarityStale(movies);
            timed.markNanos += System.nanoTime() - started;
        }

        @Override
        public long advanceWatermark() {
            return tables.advanceWatermark();
        }

        @Override
        public void recordFailure(@Nullable UUID eventId, String messageId, String error) {
            tables.recordFailure(eventId, messageId, error);
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        return Objects.requireNonNull(jdbc.queryForObject(sql, Long.class));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
