package dev.movieratings.rating.helpful;

/** A person asked to mark their own review helpful: a vote says what others found helpful. */
public class OwnReview extends RuntimeException {

    public OwnReview() {
        super("a review cannot be marked helpful by its author");
    }
}
