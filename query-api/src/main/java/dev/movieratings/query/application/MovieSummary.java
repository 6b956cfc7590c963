package dev.movieratings.query.application;

import java.util.List;

/** A movie as lists show it. Scores are null while the movie has no ratings. */
public record MovieSummary(long id, String title, Integer year, List<String> genres, long ratingCount,
                           Double averageRating, Double weightedRating) {
}
