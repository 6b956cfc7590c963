package dev.movieratings.query.application;

import org.jspecify.annotations.Nullable;

/**
 * A movie's ratings as they stood at the end of a period ("2005-12" or "2005-12-17", UTC) in which they
 * changed. The average is null below the minimum number of ratings for showing one, as on the movie page.
 */
public record HistoryPoint(
        String period, long ratingCount, @Nullable Double average) {}
