package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuild progress as gauges, in whatever process runs the rebuild (the local runtime at its first
 * start, the ops CLI, the projectionOps Lambda): {@code movie_ratings_rebuild_events_folded},
 * {@code movie_ratings_rebuild_events_to_fold} and {@code movie_ratings_rebuild_running}.
 */
final class RebuildMetrics implements RebuildProgress {

    private static final AtomicLong FOLDED = new AtomicLong();
    private static final AtomicLong TOTAL = new AtomicLong();
    private static final AtomicLong RUNNING = new AtomicLong();

    static {
        MeterCatalogue.REBUILD_EVENTS_FOLDED.gauge(FOLDED, AtomicLong::get);
        MeterCatalogue.REBUILD_EVENTS_TO_FOLD.gauge(TOTAL, AtomicLong::get);
        MeterCatalogue.REBUILD_RUNNING.gauge(RUNNING, AtomicLong::get);
    }

    private final RebuildProgress progress;

    private RebuildMetrics(RebuildProgress progress) {
        this.progress = progress;
    }

    /** Registers the gauges (at zero) without a rebuild, so dashboards see the series from the start. */
    static void register() {
        // the static initialiser does it
    }

    static RebuildMetrics around(RebuildProgress progress) {
        FOLDED.set(0);
        TOTAL.set(0);
        RUNNING.set(1);
        return new RebuildMetrics(progress);
    }

    void finished() {
        RUNNING.set(0);
    }

    @Override
    public void folded(long events, long total) {
        FOLDED.set(events);
        TOTAL.set(total);
        progress.folded(events, total);
    }

    @Override
    public void phase(String description) {
        progress.phase(description);
    }
}
