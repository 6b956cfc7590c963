package dev.movieratings.projection.infrastructure;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The basis the lists' stored weighted ratings are computed with: m, and how far C may drift before
 * every stored score is recomputed. m is {@code WEIGHTED_RATING_MIN_VOTES}, the setting the query
 * function computes the movie page's exact score with: Terraform gives the query, projector and ops functions
 * the same value, and each binds it in its typed settings.
 */
public final class ListBasis {

    /** A re-score touches every rated movie: at most one per interval, whatever the drift. */
    public static final int RESCORE_INTERVAL_SECONDS = 30;

    /** Below the 4 decimals a score is shown with: a drift this small cannot move a shown score. */
    public static final String MEAN_TOLERANCE = "0.00005";

    private ListBasis() {}

    /**
     * Whether RESCORE_IF_DRIFTED may re-score after a batch left these totals and this basis: m changed, or
     * C drifted by more than half the tolerance from a basis at least the interval old (less one second).
     * Generous on purpose: the statement's own condition decides; a false here only skips a statement
     * that would have changed nothing.
     */
    static boolean mayNeedRescore(
            int configuredMinVotes,
            int basisMinVotes,
            BigDecimal basisMean,
            long ratingCount,
            BigDecimal starsSum,
            double basisAgeSeconds) {
        if (configuredMinVotes != basisMinVotes) {
            return true;
        }
        if (basisAgeSeconds < RESCORE_INTERVAL_SECONDS - 1) {
            return false;
        }
        BigDecimal mean = ratingCount > 0
                ? starsSum.divide(BigDecimal.valueOf(ratingCount), MathContext.DECIMAL64)
                : BigDecimal.ZERO;
        BigDecimal halfTolerance = new BigDecimal(MEAN_TOLERANCE).divide(BigDecimal.valueOf(2));
        return mean.subtract(basisMean).abs().compareTo(halfTolerance) > 0;
    }
}
