package dev.movieratings.catalog.application;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A movie as the catalog holds it. The title is stored without MovieLens's trailing "(1995)": that is the
 * year. The IMDb and TMDB ids are kept as the catalog file writes them (IMDb's with its leading zeros).
 */
public record CatalogMovie(
        long id,
        String title,
        @Nullable Integer year,
        List<String> genres,
        @Nullable String imdbId,
        @Nullable String tmdbId) {

    public CatalogMovie {
        genres = List.copyOf(genres);
    }

    CatalogMovie withLinks(@Nullable String imdb, @Nullable String tmdb) {
        return new CatalogMovie(id, title, year, genres, imdb, tmdb);
    }
}
