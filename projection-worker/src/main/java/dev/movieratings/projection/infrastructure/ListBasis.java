package dev.movieratings.projection.infrastructure;

import dev.movieratings.rating.projection.WeightedRating;

/**
 * The basis the lists' stored weighted ratings are computed with: m, and how far C may drift before
 * every stored score is recomputed. m is {@code WEIGHTED_RATING_MIN_VOTES}, the setting the query
 * function computes the movie page's exact score with; give both functions the same value.
 */
public final class ListBasis {

    /** A re-score touches every rated movie: at most one per interval, whatever the drift. */
    public static final int RESCORE_INTERVAL_SECONDS = 30;

    /** Below the 4 decimals a score is shown with: a drift this small cannot move a shown score. */
    public static final String MEAN_TOLERANCE = "0.00005";

    private ListBasis() {}

    public static int minimumVotes() {
        String configured = System.getProperty("WEIGHTED_RATING_MIN_VOTES", System.getenv("WEIGHTED_RATING_MIN_VOTES"));
        return minimumVotes(configured);
    }

    static int minimumVotes(String configured) {
        if (configured == null || configured.isBlank()) {
            return WeightedRating.DEFAULT_MINIMUM_VOTES;
        }
        if (!configured.strip().matches("[0-9]{1,6}")) {
            throw new IllegalArgumentException(
                    "WEIGHTED_RATING_MIN_VOTES must be a whole number from 0 to 999999, got '" + configured + "'");
        }
        return Integer.parseInt(configured.strip());
    }
}
