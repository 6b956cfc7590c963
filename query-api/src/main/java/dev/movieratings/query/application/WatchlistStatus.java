package dev.movieratings.query.application;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Whether one film is on the caller's watchlist, and the version of the caller's watchlist stream for it the
 * projection reflects (0 when none): a writer waits until it reaches the version its write answered.
 */
public record WatchlistStatus(
        long movieId, boolean onWatchlist, @Nullable Instant addedAt, int projectedVersion) {}
