package dev.movieratings.query.application;

import org.jspecify.annotations.Nullable;

/**
 * The read side of the caller's own lists (issue 20): the watchlist and the profile summary. From projection
 * tables and the display name the person chose; the caller is always the token's subject.
 */
public interface PersonalQueries {

    /** The person's watchlist, in the given order; a cursor is bound to the person and the order. */
    Page<WatchlistItem> watchlist(String userId, WatchlistSort sort, int limit, @Nullable String cursor);

    /** Whether one film is on the person's list, and the watchlist stream's projected version. */
    WatchlistStatus watchlistStatus(String userId, long movieId);

    /** "My ratings" in the given order, each order a keyset walk; a cursor is bound to the person and the order. */
    Page<MyRating> ratings(String userId, RatingSort sort, int limit, @Nullable String cursor);

    /** How many films the person rates now. */
    long ratingTotal(String userId);

    /** @param minimumRatingsForGenre from how many of the person's ratings a genre can be a favourite */
    ProfileSummary profileSummary(String userId, int minimumRatingsForGenre);
}
