package dev.movieratings.query.http;

import static dev.movieratings.query.http.QueryParameters.cursor;
import static dev.movieratings.query.http.QueryParameters.invalid;
import static dev.movieratings.query.http.QueryParameters.limit;
import static dev.movieratings.query.http.QueryParameters.movieId;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.DiscoveryQueries;
import dev.movieratings.query.application.HistoryInterval;
import dev.movieratings.query.application.MovieDetail;
import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.MovieSort;
import dev.movieratings.query.application.MovieSummary;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.ScoreAsOf;
import dev.movieratings.query.application.SimilarMovies;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The public catalogue: {@code GET /api/movies}, a movie (now or as of a day), its history and similar films. */
final class MovieRoutes {

    private final MovieQueries queries;
    private final DiscoveryQueries discovery;
    private final AverageVisibility averageVisibility;
    private final TagReads tags;

    MovieRoutes(MovieQueries queries, DiscoveryQueries discovery, AverageVisibility averageVisibility, TagReads tags) {
        this.queries = queries;
        this.discovery = discovery;
        this.averageVisibility = averageVisibility;
        this.tags = tags;
    }

    /** Sorted by relevance when there is a search and no sort is asked for, otherwise by weighted rating. */
    Page<MovieSummary> movies(HttpRequest request) {
        String q = request.queryParameter("q")
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .orElse(null);
        if (q != null && q.length() > 200) {
            throw invalid("q", "q is limited to 200 characters");
        }
        MovieSort sort = request.queryParameter("sort")
                .map(value -> MovieSort.parse(value)
                        .orElseThrow(
                                () -> invalid("sort", "sort must be one of relevance, top, popular, recent, title")))
                .orElse(q == null ? MovieSort.TOP : MovieSort.RELEVANCE);
        String genre = request.queryParameter("genre").orElse(null);
        if (genre != null && genre.length() > 50) {
            throw invalid("genre", "genre is limited to 50 characters");
        }
        @Nullable Integer[] years = years(request.queryParameter("year").orElse(null));
        String tag = TagReads.filterKey(request);
        return queries.movies(
                new MovieFilter(q, genre, years[0], years[1], tag), sort, limit(request), cursor(request));
    }

    Map<String, Object> movie(HttpRequest request) {
        Optional<LocalDate> asOf = DiscoveryParameters.asOf(request);
        MovieDetail detail = queries.movie(movieId(request))
                .orElseThrow(() -> new BadRequest(Problem.notFound("there is no such movie")));
        if (asOf.isPresent()) {
            return movieAsOf(detail.summary(), asOf.get());
        }
        Map<String, Object> json = MovieJson.summary(detail.summary(), averageVisibility);
        // below the minimum the histogram would give the hidden average away (one rating: its stars)
        json.put("histogram", detail.summary().averageHidden() ? null : detail.histogram());
        json.put("reviewCount", detail.reviewCount());
        json.put("imdbId", detail.imdbId());
        json.put("tmdbId", detail.tmdbId());
        json.put("imdbUrl", detail.imdbUrl());
        json.put("tmdbUrl", detail.tmdbUrl());
        json.put("tags", tags.top(detail.summary().id()));
        return json;
    }

    /** The movie as it stood at the end of a past day: its scores from the history projection, C as of then. */
    private Map<String, Object> movieAsOf(MovieSummary now, LocalDate day) {
        ScoreAsOf then = discovery.scoreAsOf(now.id(), day);
        MovieSummary summary = new MovieSummary(
                now.id(),
                now.title(),
                now.year(),
                now.genres(),
                then.ratingCount(),
                then.average(),
                then.averageHidden(),
                then.weightedRating());
        Map<String, Object> json = MovieJson.summary(summary, averageVisibility);
        json.put("histogram", then.averageHidden() ? null : then.histogram());
        json.put("asOf", day.toString());
        return json;
    }

    Map<String, Object> history(HttpRequest request) {
        long movieId = movieId(request);
        HistoryInterval interval = DiscoveryParameters.interval(request);
        requireMovie(movieId);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("interval", interval.name().toLowerCase(java.util.Locale.ROOT));
        json.put("points", discovery.history(movieId, interval));
        json.put("minimumRatingsForAverage", averageVisibility.minimumRatings());
        return json;
    }

    Map<String, Object> similar(HttpRequest request) {
        long movieId = movieId(request);
        int limit = DiscoveryParameters.similarLimit(request);
        requireMovie(movieId);
        SimilarMovies similar = discovery.similar(movieId, limit);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("items", similar.items());
        json.put("pendingRefresh", similar.pendingRefresh());
        return json;
    }

    /** A 404 for a well-formed id no movie has. */
    void requireMovie(long movieId) {
        if (!queries.movieExists(movieId)) {
            throw new BadRequest(Problem.notFound("there is no such movie"));
        }
    }

    /** "1994" or "1990-1999"; either end of a range may be left open ("1990-", "-1999"). */
    private static @Nullable Integer[] years(@Nullable String raw) {
        if (raw == null) {
            return new Integer[] {null, null};
        }
        if (raw.matches("[0-9]{4}")) {
            int year = Integer.parseInt(raw);
            return new Integer[] {year, year};
        }
        if (raw.matches("([0-9]{4})?-([0-9]{4})?") && raw.length() > 1) {
            String[] ends = raw.split("-", -1);
            return new Integer[] {
                ends[0].isEmpty() ? null : Integer.valueOf(ends[0]), ends[1].isEmpty() ? null : Integer.valueOf(ends[1])
            };
        }
        throw invalid("year", "year must be a year like 1994 or a range like 1990-1999");
    }
}
