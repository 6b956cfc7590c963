package dev.movieratings.projection.maintenance.application;

import java.time.Duration;
import java.util.List;

/** What a rebuild did: events folded (and caught up while it ran), rows built, the watermark set, its phases. */
public record RebuildReport(
        long events, long caughtUp, int streams, int movies, long watermark, Duration took, List<Phase> phases) {

    public double eventsPerSecond() {
        return took.isZero() ? 0 : events / (took.toNanos() / 1e9);
    }

    /** One step of a rebuild and how long it took. */
    public record Phase(String name, Duration took) {}
}
