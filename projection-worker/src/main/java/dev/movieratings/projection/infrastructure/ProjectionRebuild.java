package dev.movieratings.projection.infrastructure;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.rating.projection.ProjectionFold;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection from the event table without taking the site down.
 *
 * <ol>
 * <li>Shadow copies of the projection tables are created in schema {@code projection_rebuild}; the live
 * ones keep serving reads and taking the projector's writes.</li>
 * <li>All events up to the current highest position are folded in memory with the same projection math
 * the projector uses, and written to the shadow tables, applied_events included.</li>
 * <li>Events appended meanwhile are applied to the shadow one by one, until few are left.</li>
 * <li>In one short transaction the live tables are locked (readers and the projector wait), the last
 * events are applied to the shadow, the live tables are dropped and the shadow ones moved into their
 * place, and the analytics views are recreated over them.</li>
 * </ol>
 * Positions are handed out in commit order (the event store appends under one lock), so "every event
 * up to position P" is exactly what a read sees once P is visible: no late-committing event can be
 * skipped. An event the live projector receives after the swap is either in the shadow's
 * applied_events (a duplicate, skipped) or newer (applied). An interrupted rebuild leaves the live
 * tables untouched; the next run starts its shadow afresh.
 */
public final class ProjectionRebuild {

    private static final int BATCH = 2_000;
    private static final int CATCH_UP_BEFORE_SWAP = 500;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transaction;
    private final ProjectionWriter shadow;

    public ProjectionRebuild(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.client = JdbcClient.create(jdbc);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.shadow = new ProjectionWriter(client, ProjectionTables.SHADOW);
    }

    /** Hears how far a rebuild has come. */
    public interface Progress {
        Progress SILENT = new Progress() {
        };

        default void folded(long events, long total) {
        }

        default void phase(String description) {
        }
    }

    public record Report(long events, long caughtUp, int streams, int movies, long watermark, Duration took) {

        public double eventsPerSecond() {
            return took.isZero() ? 0 : events / (took.toNanos() / 1e9);
        }
    }

    public Report rebuildAll() {
        return rebuildAll(Progress.SILENT);
    }

    public Report rebuildAll(Progress progress) {
        RebuildMetrics metered = RebuildMetrics.around(progress);
        try {
            return rebuild(metered);
        } finally {
            metered.finished();
        }
    }

    /** Registers the rebuild progress gauges before any rebuild runs. */
    public static void registerMetrics() {
        RebuildMetrics.register();
    }

    private Report rebuild(Progress progress) {
        long started = System.nanoTime();
        progress.phase("preparing shadow tables in schema " + ProjectionTables.SHADOW);
        createShadowTables();
        long upTo = highestPosition();
        long total = client.sql("select count(*) from rating_events where position <= ?").param(upTo).query(Long.class).single();
        progress.phase("folding " + total + " events up to position " + upTo);
        ProjectionFold fold = new ProjectionFold();
        List<Object[]> applied = new ArrayList<>();
        jdbc.query("select position, event_id, payload::text as payload from rating_events where position <= ? order by position", rs -> {
            fold.apply(RatingEventJson.read(rs.getString("payload")));
            applied.add(new Object[] {rs.getObject("event_id"), rs.getLong("position")});
            if (applied.size() % 10_000 == 0) {
                progress.folded(applied.size(), total);
            }
        }, upTo);
        progress.folded(applied.size(), total);
        progress.phase("writing " + fold.streams().size() + " ratings and " + fold.scores().size() + " movie scores to the shadow tables");
        writeShadow(fold, applied, upTo);

        long caughtUp = 0;
        long next = highestPosition();
        while (next - upTo > CATCH_UP_BEFORE_SWAP) {
            progress.phase("catching up with " + (next - upTo) + " position(s) appended meanwhile");
            caughtUp += applyToShadow(upTo, next);
            upTo = next;
            next = highestPosition();
        }
        long[] finalPosition = {upTo};
        long[] finalCaughtUp = {caughtUp};
        progress.phase("swapping the rebuilt projections in");
        transaction.executeWithoutResult(status -> {
            jdbc.execute("lock table " + String.join(", ", ProjectionTables.TABLES.stream().map(t -> ProjectionTables.LIVE + "." + t).toList())
                    + " in access exclusive mode");
            long last = highestPosition();
            finalCaughtUp[0] += applyToShadow(finalPosition[0], last);
            finalPosition[0] = last;
            jdbc.update("update " + ProjectionTables.SHADOW + ".watermark set position = ?", last);
            for (String table : ProjectionTables.TABLES) {
                jdbc.execute("drop table " + ProjectionTables.LIVE + "." + table + " cascade");
            }
            for (String table : ProjectionTables.TABLES) {
                jdbc.execute("alter table " + ProjectionTables.SHADOW + "." + table + " set schema " + ProjectionTables.LIVE);
            }
            jdbc.execute("drop schema " + ProjectionTables.SHADOW);
            jdbc.execute("select analytics.create_views()");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        progress.phase("done");
        return new Report(fold.events() + finalCaughtUp[0], finalCaughtUp[0], fold.streams().size(), fold.scores().size(), finalPosition[0], took);
    }

    private void createShadowTables() {
        jdbc.execute("drop schema if exists " + ProjectionTables.SHADOW + " cascade");
        jdbc.execute("create schema " + ProjectionTables.SHADOW);
        for (String table : ProjectionTables.TABLES) {
            jdbc.execute("create table " + ProjectionTables.SHADOW + "." + table + " (like " + ProjectionTables.LIVE + "." + table + " including all)");
        }
    }

    private long highestPosition() {
        return client.sql("select coalesce(max(position), 0) from rating_events").query(Long.class).single();
    }

    private void writeShadow(ProjectionFold fold, List<Object[]> applied, long upTo) {
        String s = ProjectionTables.SHADOW;
        transaction.executeWithoutResult(status -> {
            batch("insert into " + s + ".applied_events (event_id, position) values (?, ?)", applied);
            batch(UserRatingRows.upsert(s), fold.streams().stream().map(UserRatingRows::upsertParameters).toList());
            batch("insert into " + s + ".movie_scores (movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at)"
                    + " values (?, ?, ?, ?::bigint[], ?, ?)", fold.scores().stream().map(score -> new Object[] {score.movieId(),
                    score.ratingCount(), score.starsSum(), UserRatingRows.histogramLiteral(score.histogram()), score.reviewCount(),
                    fold.lastRatedAt(score.movieId()) == null ? null : Timestamp.from(fold.lastRatedAt(score.movieId()))}).toList());
            jdbc.update("insert into " + s + ".rating_totals (singleton, rating_count, stars_sum)"
                    + " select true, coalesce(sum(rating_count), 0), coalesce(sum(stars_sum), 0) from " + s + ".movie_scores");
            jdbc.update("insert into " + s + ".watermark (singleton, position) values (true, ?)", upTo);
        });
    }

    /** Applies events with positions in (after, upTo] to the shadow tables, one transaction each batch. */
    private long applyToShadow(long after, long upTo) {
        List<Object[]> events = jdbc.query("select position, payload::text as payload from rating_events where position > ? and position <= ? order by position",
                (rs, n) -> new Object[] {rs.getLong("position"), RatingEventJson.read(rs.getString("payload"))}, after, upTo);
        transaction.executeWithoutResult(status -> events.forEach(e -> shadow.apply((Long) e[0], (RatingEvent) e[1])));
        return events.size();
    }

    private void batch(String sql, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            jdbc.batchUpdate(sql, rows.subList(from, Math.min(rows.size(), from + BATCH)));
        }
    }
}
