package dev.movieratings.command.application;

/** The film has no current review with that id (never written, or ended: retracted, erased, removed). */
public class ReviewNotFound extends RuntimeException {

    public ReviewNotFound(long movieId) {
        super("movie " + movieId + " has no such review");
    }
}
