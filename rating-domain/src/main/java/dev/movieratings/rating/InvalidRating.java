package dev.movieratings.rating;

/** A command broke a rating rule; names the offending field so the caller can be told which. */
public class InvalidRating extends RuntimeException {

    private final String field;

    public InvalidRating(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
