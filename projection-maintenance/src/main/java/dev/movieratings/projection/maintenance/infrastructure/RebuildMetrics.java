package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.http.FunctionMetrics;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import io.micrometer.core.instrument.Gauge;
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
        Gauge.builder("movie_ratings.rebuild.events.folded", FOLDED, AtomicLong::get)
                .description("Events folded so far by the running (or last) projection rebuild")
                .register(FunctionMetrics.registry());
        Gauge.builder("movie_ratings.rebuild.events.to.fold", TOTAL, AtomicLong::get)
                .description("Events the running (or last) projection rebuild has to fold")
                .register(FunctionMetrics.registry());
        Gauge.builder("movie_ratings.rebuild.running", RUNNING, AtomicLong::get)
                .description("1 while a projection rebuild runs in this process")
                .register(FunctionMetrics.registry());
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
