// Over 250 lines: the rebuild's whole bulk load (each stream kind, then indexes) in the order it must run.
package dev.movieratings.projection.maintenance.infrastructure;

import com.zaxxer.hikari.HikariDataSource;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The rebuild's bulk step, set-based inside PostgreSQL: every event up to a position folded into the
 * shadow tables with the projector's math, one statement for each part of the streams, then the
 * shadow tables' indexes built over the loaded rows.
 * {@link dev.movieratings.rating.projection.ProjectionFold} stays the oracle:
 * {@link ProjectionVerification} folds the same events in Java and compares.
 *
 * <p>The math, per (user, movie) stream, in stream-version order: the event with the highest version
 * decides the row (stars, review, rated since, updated at; a withdrawal leaves a tombstone without
 * stars that keeps its version). An event counts as applied — and so moves last_rated_at — only if no
 * event of the stream with a higher version came before it in position order (the projector would
 * have found it stale). Scores are the per-movie count, exact sum, half-star histogram and review
 * count of the current ratings.
 */
final class ShadowLoad {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final RebuildSettings settings;

    ShadowLoad(DataSource dataSource, RebuildSettings settings) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = settings;
    }

    record Loaded(long events, int streams, int movies, int workers) {}

    /**
     * Fills the shadow user_ratings, movie_scores, rating_totals, score history, similar movies, diary, watchlist
     * and watermark from the events at or below {@code upTo}. The streams are split by user into as many parts as
     * PostgreSQL would give one query workers ({@code max_parallel_workers_per_gather} + 1), each folded on its
     * own connection at the same time — an INSERT cannot use PostgreSQL's parallel query — into user_ratings,
     * the score timeline and per-movie partial scores; then the movie scores, the score history and the similar
     * pairs are built from those, also at once; the diary and the watchlist are folded from the events after.
     */
    Loaded load(long upTo) {
        int workers = workers();
        jdbc.execute(ShadowLoadSql.CREATE_MOVIE_PARTS);
        List<Work<long[]>> parts = new ArrayList<>();
        for (int part = 0; part < workers; part++) {
            int k = part;
            parts.add(connection -> loadPart(connection, upTo, k, workers));
        }
        long events = 0;
        int streams = 0;
        for (long[] loaded : inParallel(workers, parts)) {
            events += loaded[0];
            streams += (int) loaded[1];
        }
        // What is built from the loaded parts depends on them only, not on each other: each on its own connection,
        // at the same time (each was one single-process statement after the other). The totals first in theirs:
        // every movie's stored weighted rating is computed with the list basis they hold.
        List<Work<Integer>> fromParts = List.of(
                connection -> {
                    connection.update(ShadowLoadSql.TOTALS, settings.minimumVotes());
                    int movies = connection.update(ShadowLoadSql.SUM_MOVIE_PARTS);
                    connection.execute(ShadowLoadSql.DROP_MOVIE_PARTS);
                    return movies;
                },
                connection -> connection.update(ShadowLoadSql.MOVIE_HISTORY),
                connection -> connection.update(ShadowLoadSql.TOTALS_HISTORY),
                connection -> connection.update(SimilarMoviesSql.REBUILD_PAIRS));
        int movies = inParallel(workers, fromParts).get(0);
        loadDiary(upTo);
        loadWatchlist(upTo);
        loadHelpful(upTo);
        // tags (issue 19): the streams first, whose erasures turn older tags off
        jdbc.update(TagRebuildSql.STREAMS, MovieUntagged.TYPE, upTo);
        jdbc.update(
                TagRebuildSql.TAGS,
                MovieTagged.TYPE,
                MovieTagged.SCHEMA_VERSION,
                MovieUntagged.TYPE,
                MovieUntagged.SCHEMA_VERSION,
                upTo);
        jdbc.update(ShadowLoadSql.WATERMARK, upTo);
        return new Loaded(events, streams, movies, workers);
    }

    /**
     * As many as PostgreSQL gives one query ({@code max_parallel_workers_per_gather} + 1, at most 8), or
     * the settings' number of workers; never more than the connection pool holds.
     */
    private int workers() {
        int workers = settings.workers() > 0
                ? settings.workers()
                : jdbc.queryForObject(
                        "select current_setting('max_parallel_workers_per_gather')::int + 1", Integer.class);
        if (dataSource instanceof HikariDataSource pool) {
            workers = Math.min(workers, pool.getMaximumPoolSize());
        }
        return Math.max(1, Math.min(8, workers));
    }

    /** Folds the users' streams in part {@code part} of {@code parts} in one transaction; returns {events, streams}. */
    private long[] loadPart(JdbcTemplate worker, long upTo, int part, int parts) {
        worker.execute("set local work_mem = '" + settings.memory() + "'");
        return worker.queryForObject(
                ShadowLoadSql.LOAD_PART,
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                RatingSubmitted.TYPE,
                RatingSubmitted.SCHEMA_VERSION,
                RatingRetracted.TYPE,
                RatingRetracted.SCHEMA_VERSION,
                RatingErased.TYPE,
                RatingErased.SCHEMA_VERSION,
                upTo,
                parts,
                part,
                DiaryEntryLogged.TYPE,
                DiaryEntryEdited.TYPE,
                DiaryEntryDeleted.TYPE);
    }

    /** The diary: the erasure marks first, as the entries they hide are left out. */
    private void loadDiary(long upTo) {
        jdbc.update(ShadowLoadSql.DIARY_ERASURES, RatingErased.TYPE, upTo);
        jdbc.update(
                ShadowLoadSql.DIARY_ENTRIES,
                DiaryEntryDeleted.TYPE,
                DiaryEntryLogged.TYPE,
                DiaryEntryEdited.TYPE,
                DiaryEntryLogged.TYPE,
                DiaryEntryEdited.TYPE,
                DiaryEntryDeleted.TYPE,
                upTo);
    }

    /** The watchlist (issue 20): its own streams, with the rule that a rating after the listing takes a film off. */
    private void loadWatchlist(long upTo) {
        jdbc.update(
                WatchlistRebuildSql.LOAD,
                MovieWatchlisted.TYPE,
                MovieWatchlisted.SCHEMA_VERSION,
                MovieUnwatchlisted.TYPE,
                MovieUnwatchlisted.SCHEMA_VERSION,
                RatingSubmitted.TYPE,
                upTo,
                upTo);
    }

    /** Helpful votes (issue 20): the voters' streams, with the rule that the end of a review ends its votes. */
    private void loadHelpful(long upTo) {
        jdbc.update(
                HelpfulRebuildSql.LOAD,
                ReviewMarkedHelpful.TYPE,
                ReviewMarkedHelpful.SCHEMA_VERSION,
                ReviewUnmarkedHelpful.TYPE,
                ReviewUnmarkedHelpful.SCHEMA_VERSION,
                upTo,
                upTo);
        jdbc.update(HelpfulRebuildSql.COUNTS);
    }

    /**
     * Builds the live tables' indexes and primary keys (same names, same definitions) on the loaded shadow
     * tables, several at a time on their own connections (largest tables first), then analyzes them.
     */
    void buildIndexes() {
        record Index(String table, String name, String definition, String constraint, String constraintType) {}
        List<Index> indexes = jdbc.query(
                ShadowLoadSql.LIVE_INDEXES,
                (rs, n) ->
                        new Index(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                ProjectionTables.LIVE,
                ProjectionTables.TABLES.toArray(String[]::new),
                ProjectionTables.SHADOW);
        List<Work<Void>> builds = new ArrayList<>();
        for (Index index : indexes) {
            String on = " ON " + ProjectionTables.LIVE + "." + index.table() + " ";
            if (!index.definition().contains(on)) {
                throw new IllegalStateException(
                        "cannot rebuild index " + index.name() + ": unexpected definition " + index.definition());
            }
            builds.add(connection -> {
                connection.execute("set local maintenance_work_mem = '" + settings.memory() + "'");
                connection.execute(
                        index.definition().replace(on, " ON " + ProjectionTables.SHADOW + "." + index.table() + " "));
                return null;
            });
        }
        inParallel(workers(), builds);
        for (Index index : indexes) {
            if (index.constraint() != null) {
                jdbc.execute("alter table " + ProjectionTables.SHADOW + "." + index.table() + " add constraint "
                        + index.constraint() + ("p".equals(index.constraintType()) ? " primary key" : " unique")
                        + " using index " + index.name());
            }
        }
        for (String table : ProjectionTables.TABLES) {
            jdbc.execute("analyze " + ProjectionTables.SHADOW + "." + table);
        }
    }

    /** Work for one connection, run in a transaction of its own. */
    private interface Work<T> {
        T run(JdbcTemplate connection);
    }

    /** Runs the work on up to {@code workers} connections at a time; the first failure is rethrown once all stopped. */
    private <T> List<T> inParallel(int workers, List<Work<T>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, work.size())));
        try {
            List<Future<T>> running = new ArrayList<>();
            for (Work<T> each : work) {
                running.add(pool.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        connection.setAutoCommit(false);
                        try {
                            T result = each.run(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
                            connection.commit();
                            return result;
                        } catch (RuntimeException e) {
                            connection.rollback();
                            throw e;
                        }
                    }
                }));
            }
            List<T> results = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<T> each : running) {
                try {
                    results.add(each.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException cause
                                ? cause
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
