package dev.movieratings.command.application;

/** The command names a movie the catalog does not have. */
public class MovieNotFound extends RuntimeException {

    public MovieNotFound(long movieId) {
        super("there is no movie with id " + movieId);
    }
}
