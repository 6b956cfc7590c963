package dev.movieratings.query.application;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A movie's score as it stood at the end of a past UTC day: count, average (null below the minimum for
 * showing one, or without ratings), weighted rating with C as of that day, and the half-star histogram.
 */
public record ScoreAsOf(
        long ratingCount,
        @Nullable Double average,
        boolean averageHidden,
        @Nullable Double weightedRating,
        Map<String, Long> histogram) {}
