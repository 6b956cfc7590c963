package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.projection.maintenance.application.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A rebuild of one projection: the shadow must hold exactly the events the live projections hold, so that
 * the one swapped in agrees with the ones left in place. Events the live side has not applied (in flight,
 * failing, or parked) are kept out of the shadow in {@code projection_rebuild.excluded}; under the swap's
 * locks those the live side applied since are applied to the shadow too. Then only the projection's tables
 * (or, for reviews, columns) replace the live ones; the watermark and the applied events stay.
 */
final class OneProjection {

    private final JdbcTemplate jdbc;
    private final EventTable events;
    private final Projection projection;

    OneProjection(JdbcTemplate jdbc, EventTable events, Projection projection) {
        this.jdbc = jdbc;
        this.events = events;
        this.projection = projection;
    }

    boolean all() {
        return projection == Projection.ALL;
    }

    /** Before the load: the events up to {@code upTo} the live projections do not hold are left out. */
    void excludeUpTo(long upTo) {
        jdbc.execute(OneProjectionSql.CREATE_EXCLUDED);
        if (!all()) {
            jdbc.update(OneProjectionSql.EXCLUDE_NOT_APPLIED, 0L, upTo, 0L, upTo);
        }
    }

    /** After the load: later events are recorded in the shadow's applied events, whatever their position. */
    void loaded() {
        if (!all()) {
            jdbc.update(OneProjectionSql.SHADOW_RECORDS_EVERY_EVENT);
        }
    }

    /** The events in (after, upTo] to apply to the shadow: for one projection, those the live side holds. */
    List<StoredEvent> toApply(long after, long upTo) {
        List<StoredEvent> between = events.between(after, upTo);
        if (all()) {
            return between;
        }
        jdbc.update(OneProjectionSql.EXCLUDE_NOT_APPLIED, after, upTo, after, upTo);
        Set<Long> excluded =
                new TreeSet<>(jdbc.queryForList(OneProjectionSql.EXCLUDED_BETWEEN, Long.class, after, upTo));
        return between.stream().filter(e -> !excluded.contains(e.position())).toList();
    }

    /** Under the live tables' locks: the left-out events the live side has applied since the load. */
    List<StoredEvent> appliedSince() {
        if (all()) {
            return List.of();
        }
        return events.atPositions(
                new ArrayList<>(jdbc.queryForList(OneProjectionSql.EXCLUDED_NOW_APPLIED, Long.class)));
    }

    /**
     * Under the live tables' locks: replaces the live projection with the shadow's. Replacing live tables or
     * writing to them is the owner's act, asked of it (the rebuild's role may only read them): whole tables
     * through {@code ops.swap_in_rebuilt_projections}, which also drops the then empty shadow schema, the
     * review columns through {@code ops.copy_rebuilt_reviews}. @return the watermark
     */
    long swapIn() {
        jdbc.execute(OneProjectionSql.DROP_EXCLUDED);
        switch (projection) {
            case ALL -> throw new IllegalStateException("a rebuild of every projection swaps in every table");
            case SCORES -> moveIn(List.of("movie_scores", "rating_totals"));
            case RATINGS -> moveIn(List.of("user_ratings"));
            case HISTORY -> moveIn(List.of("score_timeline", "movie_score_history", "rating_totals_history"));
            case SIMILAR -> moveIn(List.of("similar_movies", "similarity_stale"));
            case DIARY -> moveIn(List.of("diary_entries", "diary_erasures"));
            case WATCHLIST -> moveIn(List.of("watchlist"));
            case HELPFUL -> moveIn(List.of("helpful_votes", "helpful_counts"));
            case TAGS -> moveIn(List.of("tag_streams", "user_tags"));
            case REVIEWS -> {
                jdbc.queryForList(OneProjectionSql.COPY_REVIEWS);
                jdbc.execute("drop schema " + ProjectionTables.SHADOW + " cascade");
            }
        }
        return Objects.requireNonNull(
                jdbc.queryForObject(OneProjectionSql.LIVE_WATERMARK, Long.class), "projection.watermark has its row");
    }

    /** The shadow tables not swapped in are the rebuild's own: dropped first, so the owner's swap empties it. */
    private void moveIn(List<String> tables) {
        for (String table : ProjectionTables.TABLES) {
            if (!tables.contains(table)) {
                jdbc.execute("drop table " + ProjectionTables.SHADOW + "." + table);
            }
        }
        jdbc.queryForList(OneProjectionSql.SWAP_IN, new Object[] {tables.toArray(String[]::new)});
    }
}
