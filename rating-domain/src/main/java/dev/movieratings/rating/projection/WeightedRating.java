package dev.movieratings.rating.projection;

import org.jspecify.annotations.Nullable;

/**
 * IMDb's weighted rating, WR = v/(v+m)·R + m/(v+m)·C: a movie with few votes is pulled toward the
 * global mean C, so a single 5-star vote cannot top the chart.
 */
public record WeightedRating(double globalMean, int minimumVotes) {

    public static final int DEFAULT_MINIMUM_VOTES = 50;

    public WeightedRating {
        if (minimumVotes < 0) {
            throw new IllegalArgumentException("minimum votes must not be negative: " + minimumVotes);
        }
    }

    /** @return the weighted rating, or null while the movie has no votes */
    public @Nullable Double of(long votes, double average) {
        if (votes == 0) {
            return null;
        }
        double v = votes;
        double m = minimumVotes;
        return v / (v + m) * average + m / (v + m) * globalMean;
    }
}
