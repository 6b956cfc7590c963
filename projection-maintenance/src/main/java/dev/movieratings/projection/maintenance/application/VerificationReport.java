package dev.movieratings.projection.maintenance.application;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a verification found: the events it folded, the watermark it read, how many events at or below it
 * an operator parked (decided, not applied, so not folded), and every difference.
 */
public record VerificationReport(long eventsFolded, long watermark, long parked, List<Difference> differences) {

    public boolean clean() {
        return differences.isEmpty();
    }

    /** A row of a projection table that is not what the events say. */
    public record Difference(
            String table,
            String key,
            String expected,
            @Nullable String actual) {
        @Override
        public String toString() {
            return table + " " + key + ": expected " + expected + ", found " + actual;
        }
    }
}
