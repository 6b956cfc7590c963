package dev.movieratings.query.application;

import java.time.LocalDate;
import java.util.List;

/** Reads of the discovery projections (issue 19): similar movies, a score's history and its value on a past day. */
public interface DiscoveryQueries {

    /** One point for each period in which the movie's ratings changed, oldest first; empty for none. */
    List<HistoryPoint> history(long movieId, HistoryInterval interval);

    /** The movie's score at the end of {@code day} (UTC); zero ratings before its first. */
    ScoreAsOf scoreAsOf(long movieId, LocalDate day);

    /** At most {@code limit} movies liked by the same people, with at least 5 users liking both. */
    SimilarMovies similar(long movieId, int limit);
}
