package dev.movieratings.query.application;

import java.util.List;

/**
 * A movie's most similar movies, most similar first (then by id). {@code pendingRefresh}: its likes changed since
 * the list was computed, and the next scheduled refresh will recompute it.
 */
public record SimilarMovies(List<SimilarMovie> items, boolean pendingRefresh) {}
