package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.Projection;
import dev.movieratings.projection.maintenance.application.ProjectionRebuilder;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every projection (or one, see {@link OneProjection}) from the event table without taking the site
 * down.
 *
 * <ol>
 * <li>Shadow copies of the projection tables, without their indexes, are created in schema
 * {@code projection_rebuild}; the live ones keep serving reads and taking the projector's writes.</li>
 * <li>All events up to the current highest position are folded into the shadow tables inside
 * PostgreSQL, set-based, with the projector's math ({@link ShadowLoad}); then the indexes are built
 * over the loaded rows. No applied_events rows are written for these events: the watermark set at the
 * swap covers them (every event at or below the watermark counts as applied).</li>
 * <li>Events appended meanwhile are applied to the shadow one by one, until few are left.</li>
 * <li>In one short transaction the live tables are locked (readers and the projector wait), the last
 * events are applied to the shadow, the watermark is set to the highest position, the live tables are
 * dropped and the shadow ones moved into their place, and the analytics views are recreated over them.</li>
 * </ol>
 * Positions are handed out in commit order (the event store appends under one lock), so "every event
 * up to position P" is exactly what a read sees once P is visible: no late-committing event can be
 * skipped. An event the live projector receives after the swap is either at or below the watermark
 * (already applied: a duplicate) or newer (applied). The shadow tables are ordinary logged tables, so
 * what is swapped in is crash-safe at once; an interrupted rebuild leaves the live tables untouched and
 * the next run starts its shadow afresh.
 */
public final class ProjectionRebuild implements ProjectionRebuilder {

    private static final String PARKED_NOW_APPLIED =
            "update ops.parked_events set replayed_at = now() where position <= ? and replayed_at is null";

    private static final int SWAP_ATTEMPTS = 5;
    private static final int CATCH_UP_BATCH = 1_000;
    private static final int CATCH_UP_BEFORE_SWAP = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ProjectionWriter shadow;
    private final ShadowLoad load;
    private final EventTable events;

    public ProjectionRebuild(DataSource dataSource, RebuildSettings settings) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.shadow = new ProjectionWriter(JdbcClient.create(jdbc), ProjectionTables.SHADOW, settings.minimumVotes());
        this.load = new ShadowLoad(dataSource, settings);
        this.events = new EventTable(JdbcClient.create(jdbc));
    }

    @Override
    public RebuildReport rebuild(Projection projection, RebuildProgress progress) {
        RebuildMetrics metered = RebuildMetrics.around(progress);
        try {
            return rebuild(new Phases(metered), new OneProjection(jdbc, events, projection));
        } finally {
            metered.finished();
        }
    }

    /** Registers the rebuild progress gauges before any rebuild runs. */
    public static void registerMetrics() {
        RebuildMetrics.register();
    }

    private RebuildReport rebuild(Phases phases, OneProjection one) {
        long started = System.nanoTime();
        phases.start("prepare", "preparing shadow tables in schema " + ProjectionTables.SHADOW);
        createShadowTables();
        long first = highestPosition();
        one.excludeUpTo(first);
        phases.start(
                "fold", "folding every event up to position " + first + " into the shadow tables (in the database)");
        ShadowLoad.Loaded loaded = load.load(first);
        one.loaded();
        phases.progress.folded(loaded.events(), loaded.events());
        phases.start(
                "index",
                "building the indexes of " + loaded.streams() + " ratings and " + loaded.movies()
                        + " movie scores (folded in " + loaded.workers() + " parallel part(s))");
        load.buildIndexes();

        long upTo = first;
        long caughtUp = 0;
        long next = highestPosition();
        phases.start("catch-up", "catching up with " + (next - upTo) + " position(s) appended meanwhile");
        while (next - upTo > CATCH_UP_BEFORE_SWAP) {
            caughtUp += applyToShadow(one.toApply(upTo, next));
            upTo = next;
            next = highestPosition();
            if (next - upTo > CATCH_UP_BEFORE_SWAP) {
                phases.progress.phase("catching up with " + (next - upTo) + " position(s) appended meanwhile");
            }
        }
        long[] finalPosition = {upTo};
        long[] finalCaughtUp = {caughtUp};
        phases.start("swap", "swapping the rebuilt projections in");
        for (int attempt = 1; ; attempt++) {
            finalPosition[0] = upTo;
            finalCaughtUp[0] = caughtUp;
            try {
                transaction.executeWithoutResult(status -> swap(one, finalPosition, finalCaughtUp));
                break;
            } catch (TransientDataAccessException e) {
                // A projector batch holding one live table while waiting for another can deadlock with the swap's
                // table locks; PostgreSQL then aborts one side. The swap rolled back whole, so it can simply go again.
                if (attempt == SWAP_ATTEMPTS) {
                    throw e;
                }
                phases.progress.phase("the swap lost a lock race with the projector ("
                        + String.valueOf(e.getMostSpecificCause().getMessage()).strip() + "); trying again ("
                        + (attempt + 1) + " of "
                        + SWAP_ATTEMPTS + ")");
                pause(Duration.ofMillis(200L * attempt));
            }
        }
        List<RebuildReport.Phase> took = phases.finish();
        phases.progress.phase("done");
        return new RebuildReport(
                loaded.events() + finalCaughtUp[0],
                finalCaughtUp[0],
                loaded.streams(),
                loaded.movies(),
                finalPosition[0],
                Duration.ofNanos(System.nanoTime() - started),
                took);
    }

    /** Under the live tables' locks: the last events into the shadow, then the shadow tables in the live ones. */
    private void swap(OneProjection one, long[] finalPosition, long[] finalCaughtUp) {
        jdbc.execute("lock table "
                + String.join(
                        ", ",
                        ProjectionTables.TABLES.stream()
                                .map(t -> ProjectionTables.LIVE + "." + t)
                                .toList()) + " in access exclusive mode");
        long last = highestPosition();
        finalCaughtUp[0] += applyToShadow(one.toApply(finalPosition[0], last));
        if (!one.all()) {
            finalCaughtUp[0] += applyToShadow(one.appliedSince());
            finalPosition[0] = one.swapIn();
            return;
        }
        finalPosition[0] = last;
        jdbc.execute(OneProjectionSql.DROP_EXCLUDED);
        // every event up to here is in the shadow tables: the watermark says so, no applied_events row needed
        jdbc.update("update " + ProjectionTables.SHADOW + ".watermark set position = ?", last);
        // the rebuild folded parked events too, so they are applied now; a later delivery must not apply them again
        jdbc.update(PARKED_NOW_APPLIED, last);
        // the owner's act, asked of it (the rebuild's role does not own the live tables): drops them, moves the
        // shadow ones in, rebinds the analytics views and grants the functions' roles their rights again
        String[] tables = ProjectionTables.TABLES.toArray(String[]::new);
        jdbc.queryForList("select ops.swap_in_rebuilt_projections(?::text[])", new Object[] {tables});
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the swap could be tried again", e);
        }
    }

    /** Tells the progress listener what runs now, and times each phase. */
    private static final class Phases {
        private final RebuildProgress progress;
        private final List<RebuildReport.Phase> done = new ArrayList<>();
        private @Nullable String current;
        private long since;

        Phases(RebuildProgress progress) {
            this.progress = progress;
        }

        void start(String name, String description) {
            close();
            current = name;
            since = System.nanoTime();
            progress.phase(description);
        }

        List<RebuildReport.Phase> finish() {
            close();
            return List.copyOf(done);
        }

        private void close() {
            if (current != null) {
                done.add(new RebuildReport.Phase(current, Duration.ofNanos(System.nanoTime() - since)));
                current = null;
            }
        }
    }

    /** The shadow tables as the live ones are defined, but without indexes: they are built after the load. */
    private void createShadowTables() {
        // an empty schema of the rebuild's own, made by the owner (a rebuild may not create schemas itself)
        jdbc.queryForList("select ops.prepare_projection_rebuild()");
        for (String table : ProjectionTables.TABLES) {
            jdbc.execute("create table " + ProjectionTables.SHADOW + "." + table + " (like " + ProjectionTables.LIVE
                    + "." + table + " including all excluding indexes)");
        }
    }

    private long highestPosition() {
        return events.highestPosition();
    }

    /** Applies the events to the shadow tables, in the projector's set-based batches, in one transaction. */
    private long applyToShadow(List<StoredEvent> events) {
        transaction.executeWithoutResult(status -> {
            for (int from = 0; from < events.size(); from += CATCH_UP_BATCH) {
                ProjectionBatch.apply(shadow, events.subList(from, Math.min(events.size(), from + CATCH_UP_BATCH)));
            }
        });
        return events.size();
    }
}
