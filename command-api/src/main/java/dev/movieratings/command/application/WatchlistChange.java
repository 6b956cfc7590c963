package dev.movieratings.command.application;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a watchlist command: whether the film is on the list now, and the event the command appended,
 * or nulls when the list already said so (the command is idempotent). {@code streamVersion} is the watchlist
 * stream's version after the command, which the caller compares with the list's projected version.
 */
public record WatchlistChange(
        long movieId,
        boolean onWatchlist,
        @Nullable UUID eventId,
        @Nullable Long position,
        int streamVersion) {}
