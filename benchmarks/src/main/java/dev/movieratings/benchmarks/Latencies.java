package dev.movieratings.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Timings of one kind of call, each marked when a garbage collection ran during it, so a p99 can be
 * told apart from the pauses that land on it.
 */
final class Latencies {

    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private final List<Long> all = new ArrayList<>();
    private final List<Long> withoutCollection = new ArrayList<>();

    /** Times one call. */
    void time(Runnable call) {
        long collectionsBefore = collections();
        long started = System.nanoTime();
        call.run();
        long took = System.nanoTime() - started;
        all.add(took);
        if (collections() == collectionsBefore) {
            withoutCollection.add(took);
        }
    }

    double p50() {
        return percentile(all, 50);
    }

    double p99() {
        return percentile(all, 99);
    }

    /** The p99 of the calls no collection ran during. */
    double p99WithoutCollections() {
        return percentile(withoutCollection, 99);
    }

    /** How many calls a collection ran during. */
    int hitByCollection() {
        return all.size() - withoutCollection.size();
    }

    int count() {
        return all.size();
    }

    /** Milliseconds. */
    private static double percentile(List<Long> nanos, int percent) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.isEmpty()
                ? Double.NaN
                : sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static long collections() {
        long count = 0;
        for (GarbageCollectorMXBean collector : COLLECTORS) {
            count += collector.getCollectionCount();
        }
        return count;
    }
}
