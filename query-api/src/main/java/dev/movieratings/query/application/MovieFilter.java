package dev.movieratings.query.application;

import org.jspecify.annotations.Nullable;

/**
 * What a movie list is narrowed to; null fields do not narrow. {@code titleSearch} is what the user
 * typed: matched by prefix, by substring and with typos, accents and leading articles ignored. {@code tagKey}
 * keeps the films someone has that tag on now.
 */
public record MovieFilter(
        @Nullable String titleSearch,
        @Nullable String genre,
        @Nullable Integer yearFrom,
        @Nullable Integer yearTo,
        @Nullable String tagKey) {

    /** Without a tag (issue 19 added {@code tagKey}: a tag's key, {@code TagText.keyOf}). */
    public MovieFilter(
            @Nullable String titleSearch,
            @Nullable String genre,
            @Nullable Integer yearFrom,
            @Nullable Integer yearTo) {
        this(titleSearch, genre, yearFrom, yearTo, null);
    }
}
