package dev.movieratings.query.application;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The caller's profile page at a glance: the name they chose (null before they chose one), how many films they
 * rate and review now, how many of their diary entries were watched this year (UTC), their own
 * histogram of half stars, and their favourite genres: the genres of at least {@code minimumRatingsForGenre} of
 * their current ratings, by their average there, highest first.
 */
public record ProfileSummary(
        @Nullable String displayName,
        long ratings,
        long reviews,
        long diaryEntriesThisYear,
        long watchlist,
        Map<String, Long> histogram,
        List<GenreTaste> favouriteGenres,
        int minimumRatingsForGenre) {

    /** One genre of the person's ratings: how many and their average, rounded to 2 places. */
    public record GenreTaste(String genre, long ratings, double average) {}
}
