package dev.movieratings.rating;

/** The caller asked to withdraw a rating they do not have. */
public class NothingToRetract extends RuntimeException {

    public NothingToRetract(String userId, long movieId) {
        super("user has no current rating for movie " + movieId + " to delete");
    }
}
