package dev.movieratings.query.application;

import java.util.Locale;
import java.util.Optional;

/**
 * "My ratings" orders: by date (latest change first, the default), by stars (highest first, then latest), or by
 * title. Each is a keyset walk of its own.
 */
public enum RatingSort {
    DATE,
    STARS,
    TITLE;

    public static Optional<RatingSort> parse(String value) {
        for (RatingSort sort : values()) {
            if (sort.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
