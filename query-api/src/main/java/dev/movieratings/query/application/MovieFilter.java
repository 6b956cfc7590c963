package dev.movieratings.query.application;

import org.jspecify.annotations.Nullable;

/**
 * What a movie list is narrowed to; null fields do not narrow. {@code titleSearch} is what the user
 * typed: matched by prefix, by substring and with typos, accents and leading articles ignored.
 */
public record MovieFilter(
        @Nullable String titleSearch,
        @Nullable String genre,
        @Nullable Integer yearFrom,
        @Nullable Integer yearTo) {}
