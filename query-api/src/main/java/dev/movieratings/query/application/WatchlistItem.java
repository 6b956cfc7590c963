package dev.movieratings.query.application;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A film on the caller's watchlist, with when it was added. */
public record WatchlistItem(
        long movieId,
        String title,
        String displayTitle,
        @Nullable Integer year,
        List<String> genres,
        Instant addedAt) {}
