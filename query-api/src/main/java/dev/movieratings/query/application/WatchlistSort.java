package dev.movieratings.query.application;

import java.util.Locale;
import java.util.Optional;

/** The watchlist's orders: newest added first (the default), or by title (as the catalogue lists titles). */
public enum WatchlistSort {
    ADDED,
    TITLE;

    public static Optional<WatchlistSort> parse(String value) {
        for (WatchlistSort sort : values()) {
            if (sort.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
