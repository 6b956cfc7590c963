package dev.movieratings.query.application;

/** What a movie list is narrowed to; null fields do not narrow. */
public record MovieFilter(String titleContains, String genre, Integer yearFrom, Integer yearTo) {
}
