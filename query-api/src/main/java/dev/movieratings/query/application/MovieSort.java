package dev.movieratings.query.application;

import java.util.Locale;
import java.util.Optional;

/** The orders a movie list can come in. */
public enum MovieSort {
    /** Best match for the title search first, then the most rated: needs a search. */
    RELEVANCE,
    /** Weighted rating, best first: only rated movies. */
    TOP,
    /** Most ratings first. */
    POPULAR,
    /** Most recently rated first. */
    RECENT,
    /** Alphabetical by title. */
    TITLE;

    public static Optional<MovieSort> parse(String value) {
        try {
            return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
