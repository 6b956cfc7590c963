package dev.movieratings.catalog.application;

import java.util.List;

/**
 * A movie as the catalog holds it. The title is stored without MovieLens's trailing "(1995)": that is the
 * year. The IMDb and TMDB ids are kept as the catalog file writes them (IMDb's with its leading zeros).
 */
public record CatalogMovie(long id, String title, Integer year, List<String> genres, String imdbId, String tmdbId) {

    public CatalogMovie {
        genres = List.copyOf(genres);
    }

    CatalogMovie withLinks(String imdb, String tmdb) {
        return new CatalogMovie(id, title, year, genres, imdb, tmdb);
    }
}
