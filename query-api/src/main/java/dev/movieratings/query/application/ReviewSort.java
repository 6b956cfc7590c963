package dev.movieratings.query.application;

import java.util.Locale;
import java.util.Optional;

/**
 * The orders of a film's reviews (issue 20): {@code newest} by the time the text was last written (a change of
 * the stars alone does not make a review newer), {@code helpful} by helpful votes, then newest.
 */
public enum ReviewSort {
    NEWEST,
    HELPFUL;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReviewSort> named(String value) {
        for (ReviewSort sort : values()) {
            if (sort.parameter().equals(value)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
