package dev.movieratings.rating.profile;

/** A display name broke a rule; the message says which, without echoing more of the name than needed. */
public class InvalidDisplayName extends RuntimeException {

    public InvalidDisplayName(String detail) {
        super(detail);
    }
}
