package dev.movieratings.query.application;

/**
 * From how many ratings a movie's plain average is shown. Below it the average says more about one
 * or two people than about the film, so lists and pages show the count and say the average is hidden.
 */
public record AverageVisibility(int minimumRatings) {

    public static final int DEFAULT_MINIMUM_RATINGS = 3;

    public AverageVisibility {
        if (minimumRatings < 1) {
            throw new IllegalArgumentException(
                    "the minimum number of ratings for an average must be at least 1, not " + minimumRatings);
        }
    }
}
