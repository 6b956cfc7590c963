package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.rating.projection.WeightedRating;
import org.jspecify.annotations.Nullable;

/**
 * How a rebuild may use the database, checked when it is configured.
 *
 * @param memory  work_mem and maintenance_work_mem of each of the rebuild's transactions only (an ops job,
 *                not a request path): the stream sort and each index build, per parallel part; a plain
 *                PostgreSQL size such as 128MB for a small instance (the value goes into a SET statement)
 * @param workers how many parts to fold at once, or 0 for as many as PostgreSQL gives one query
 * @param minimumVotes m of the weighted scores stored for the lists (WEIGHTED_RATING_MIN_VOTES): the query's and the
 *     projector's value, or a rebuild stores scores the projector then re-scores
 */
public record RebuildSettings(String memory, int workers, int minimumVotes) {

    public static final RebuildSettings DEFAULT = new RebuildSettings("512MB", 0, WeightedRating.DEFAULT_MINIMUM_VOTES);

    public RebuildSettings {
        if (memory == null || !memory.matches("[1-9][0-9]{0,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException(
                    "PROJECTION_REBUILD_MEMORY must be a size such as 128MB or 1GB, got '" + memory + "'");
        }
        if (workers < 0) {
            throw new IllegalArgumentException("projection.rebuild.workers must be 0 or more, got " + workers);
        }
        if (minimumVotes < 0) {
            throw new IllegalArgumentException("WEIGHTED_RATING_MIN_VOTES must be 0 or more, got " + minimumVotes);
        }
    }

    /**
     * @param memory  PROJECTION_REBUILD_MEMORY as configured, blank or null for the default 512MB
     * @param workers projection.rebuild.workers as configured, null for as many as PostgreSQL gives one query
     */
    public static RebuildSettings of(@Nullable String memory, @Nullable Integer workers) {
        return new RebuildSettings(
                memory == null || memory.isBlank() ? DEFAULT.memory() : memory.strip(),
                workers == null ? 0 : workers,
                DEFAULT.minimumVotes());
    }

    public RebuildSettings withMinimumVotes(int minimumVotes) {
        return new RebuildSettings(memory, workers, minimumVotes);
    }

    /** @param configured WEIGHTED_RATING_MIN_VOTES as the ops CLI gets it, blank or null for the default */
    public RebuildSettings withMinimumVotes(@Nullable String configured) {
        if (configured == null || configured.isBlank()) {
            return this;
        }
        if (!configured.strip().matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(
                    "WEIGHTED_RATING_MIN_VOTES must be a whole number from 0 to 999999, got '" + configured + "'");
        }
        return withMinimumVotes(Integer.parseInt(configured.strip()));
    }
}
