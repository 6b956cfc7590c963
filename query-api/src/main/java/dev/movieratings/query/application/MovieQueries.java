package dev.movieratings.query.application;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The read side's port: everything comes from projection tables, nothing is aggregated from events at read time. */
public interface MovieQueries {

    Page<MovieSummary> movies(MovieFilter filter, MovieSort sort, int limit, @Nullable String cursor);

    Optional<MovieDetail> movie(long movieId);

    boolean movieExists(long movieId);

    /** The film's reviews, newest first. */
    default Page<ReviewView> reviews(long movieId, int limit, @Nullable String cursor) {
        return reviews(movieId, ReviewSort.NEWEST, limit, cursor);
    }

    /** The film's reviews in the given order, keyset paged; a cursor is bound to the film and the order. */
    Page<ReviewView> reviews(long movieId, ReviewSort sort, int limit, @Nullable String cursor);

    /** The reviews of the film the caller's helpful votes stand on (issue 20). */
    java.util.List<java.util.UUID> helpfulVotesOf(String userId, long movieId);

    /** The user's current ratings, newest first; only the one of {@code movieId} when it is not null. */
    Page<MyRating> ratingsOf(String userId, @Nullable Long movieId, int limit, @Nullable String cursor);

    /** Every event at or below this position is reflected in what the queries return. */
    long projectedThrough();

    /**
     * The highest version of one (user, movie) stream the projections reflect, 0 when none: a writer waits for
     * its own write's version here, so an event the projector cannot apply elsewhere never holds it up.
     */
    int projectedVersion(String userId, long movieId);

    /** Thrown when a list is asked to be ordered by relevance without a title search to be relevant to. */
    class SearchRequired extends RuntimeException {
        public SearchRequired() {
            super("sort=relevance needs a title search q");
        }
    }

    /** Thrown when a cursor was not made by this service (or for another list). */
    class InvalidCursor extends RuntimeException {
        public InvalidCursor() {
            super("the cursor is not valid for this list; start again without one");
        }
    }
}
