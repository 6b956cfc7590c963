package dev.movieratings.projection.maintenance.infrastructure;

import java.util.List;

/** The projection tables, where the live ones live, and where a rebuild builds their replacements. */
final class ProjectionTables {

    static final String LIVE = "projection";
    static final String SHADOW = "projection_rebuild";
    /** In dependency-free order; every one is rebuilt from the event table. */
    static final List<String> TABLES = List.of(
            "user_ratings",
            "movie_scores",
            "rating_totals",
            "applied_events",
            "watermark",
            "score_timeline",
            "movie_score_history",
            "rating_totals_history",
            "similar_movies",
            "similarity_stale",
            // the diary (issue 20)
            "diary_entries",
            "diary_erasures",
            // the watchlist (issue 20)
            "watchlist",
            // helpful votes (issue 20)
            "helpful_votes",
            "helpful_counts",
            // tags (issue 19)
            "tag_streams",
            "user_tags");

    private ProjectionTables() {}
}
