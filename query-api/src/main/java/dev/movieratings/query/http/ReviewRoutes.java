package dev.movieratings.query.http;

import static dev.movieratings.query.http.QueryParameters.cursor;
import static dev.movieratings.query.http.QueryParameters.invalid;
import static dev.movieratings.query.http.QueryParameters.limit;
import static dev.movieratings.query.http.QueryParameters.movieFilter;
import static dev.movieratings.query.http.QueryParameters.movieId;

import dev.movieratings.http.HttpRequest;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.ReviewSort;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A movie's reviews ({@code GET /api/movies/{id}/reviews}) and the caller's helpful votes on them. */
final class ReviewRoutes {

    private final MovieQueries queries;
    private final MovieRoutes movies;

    ReviewRoutes(MovieQueries queries, MovieRoutes movies) {
        this.queries = queries;
        this.movies = movies;
    }

    Page<?> reviews(HttpRequest request) {
        long movieId = movieId(request);
        movies.requireMovie(movieId);
        String raw = request.queryParameter("sort").orElse(ReviewSort.NEWEST.parameter());
        ReviewSort sort = ReviewSort.named(raw).orElseThrow(() -> invalid("sort", "sort must be newest or helpful"));
        return queries.reviews(movieId, sort, limit(request), cursor(request));
    }

    /** {@code GET /api/me/helpful?movie=<id>}: the reviews of the film the caller's helpful votes stand on. */
    Map<String, Object> myHelpfulVotes(HttpRequest request) {
        String userId = request.requireCaller().userId();
        Long movieId = movieFilter(request);
        if (movieId == null) {
            throw invalid("movie", "movie is required");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("movieId", movieId);
        json.put(
                "reviewIds",
                queries.helpfulVotesOf(userId, movieId).stream()
                        .map(UUID::toString)
                        .toList());
        return json;
    }
}
