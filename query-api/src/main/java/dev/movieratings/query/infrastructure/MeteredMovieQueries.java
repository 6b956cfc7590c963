package dev.movieratings.query.infrastructure;

import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.query.application.MovieDetail;
import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.MovieSort;
import dev.movieratings.query.application.MovieSummary;
import dev.movieratings.query.application.MyRating;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.ReviewSort;
import dev.movieratings.query.application.ReviewView;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Times each read against the projections: {@code movie_ratings_db_query_seconds{family="query_*"}}. */
final class MeteredMovieQueries implements MovieQueries {

    private final MovieQueries queries;

    MeteredMovieQueries(MovieQueries queries) {
        this.queries = queries;
    }

    @Override
    public Page<MovieSummary> movies(MovieFilter filter, MovieSort sort, int limit, @Nullable String cursor) {
        return FunctionMetrics.databaseTime("query_movies", () -> queries.movies(filter, sort, limit, cursor));
    }

    @Override
    public Optional<MovieDetail> movie(long movieId) {
        return FunctionMetrics.databaseTime("query_movie", () -> queries.movie(movieId));
    }

    @Override
    public boolean movieExists(long movieId) {
        return FunctionMetrics.databaseTime("query_movie", () -> queries.movieExists(movieId));
    }

    @Override
    public Page<ReviewView> reviews(long movieId, ReviewSort sort, int limit, @Nullable String cursor) {
        return FunctionMetrics.databaseTime("query_reviews", () -> queries.reviews(movieId, sort, limit, cursor));
    }

    @Override
    public java.util.List<java.util.UUID> helpfulVotesOf(String userId, long movieId) {
        return FunctionMetrics.databaseTime("query_reviews", () -> queries.helpfulVotesOf(userId, movieId));
    }

    @Override
    public Page<MyRating> ratingsOf(String userId, @Nullable Long movieId, int limit, @Nullable String cursor) {
        return FunctionMetrics.databaseTime(
                "query_my_ratings", () -> queries.ratingsOf(userId, movieId, limit, cursor));
    }

    @Override
    public long projectedThrough() {
        return FunctionMetrics.databaseTime("query_watermark", queries::projectedThrough);
    }

    @Override
    public int projectedVersion(String userId, long movieId) {
        return FunctionMetrics.databaseTime("query_stream_version", () -> queries.projectedVersion(userId, movieId));
    }
}
