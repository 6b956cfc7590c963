package dev.movieratings.projection.maintenance.application;

/** Recomputes the similar-movie pairs of the movies whose likes changed since their last refresh. */
public interface SimilarityRefresher {

    SimilarityRefreshReport refresh();
}
