package dev.movieratings.query.application;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A movie's page: its summary, the half-star histogram ("0.5" … "5.0"), how many reviews it has, and the
 * catalogue's IMDb and TMDB ids (digits only, or null).
 */
public record MovieDetail(
        MovieSummary summary,
        Map<String, Long> histogram,
        long reviewCount,
        @Nullable String imdbId,
        @Nullable String tmdbId) {

    /** The film's IMDb page; null without an id. IMDb's ids are "tt" and at least seven digits. */
    public @Nullable String imdbUrl() {
        return imdbId == null ? null : "https://www.imdb.com/title/tt" + imdbId + "/";
    }

    /** The film's TMDB page; null without an id. */
    public @Nullable String tmdbUrl() {
        return tmdbId == null ? null : "https://www.themoviedb.org/movie/" + tmdbId;
    }
}
