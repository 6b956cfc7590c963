package dev.movieratings.query.application;

/**
 * What a movie list is narrowed to; null fields do not narrow. {@code titleSearch} is what the user
 * typed: matched by prefix, by substring and with typos, accents and leading articles ignored.
 */
public record MovieFilter(String titleSearch, String genre, Integer yearFrom, Integer yearTo) {}
