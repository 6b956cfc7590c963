package dev.movieratings.command.application;

/** The movie catalog, as far as commands need it. */
public interface Catalog {

    boolean movieExists(long movieId);
}
