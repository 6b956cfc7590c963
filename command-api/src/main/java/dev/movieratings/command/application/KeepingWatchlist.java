package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.rating.watchlist.WatchlistDecisions;
import dev.movieratings.rating.watchlist.WatchlistStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The watchlist commands: put a film on the caller's watchlist, take it off. Each decides the next event of
 * the caller's watchlist stream for the film (or none: both are idempotent) and writes it through
 * {@link OwnStreamCommands} (quota, append with its publication record, publish, retry on a version conflict).
 */
public final class KeepingWatchlist {

    private final WatchlistEvents events;
    private final Catalog catalog;
    private final OwnStreamCommands commands;
    private final Clock clock;
    private final Supplier<UUID> eventIds;

    public KeepingWatchlist(
            WatchlistEvents events,
            Catalog catalog,
            PublishingEvents publishing,
            WriteQuota quota,
            Clock clock,
            Supplier<UUID> eventIds) {
        this.events = events;
        this.catalog = catalog;
        this.commands = new OwnStreamCommands(publishing, quota);
        this.clock = clock;
        this.eventIds = eventIds;
    }

    /** @throws MovieNotFound when the catalog has no such film */
    public WatchlistChange add(String userId, long movieId) {
        return record(userId, movieId, true, stream -> WatchlistDecisions.add(stream, eventIds.get(), now()));
    }

    /** @throws MovieNotFound when the catalog has no such film (a film never listed is simply not on the list) */
    public WatchlistChange remove(String userId, long movieId) {
        return record(userId, movieId, false, stream -> WatchlistDecisions.remove(stream, eventIds.get(), now()));
    }

    private WatchlistChange record(
            String userId,
            long movieId,
            boolean onWatchlist,
            Function<WatchlistStream, Optional<? extends RatingEvent>> decide) {
        if (!catalog.movieExists(movieId)) {
            throw new MovieNotFound(movieId);
        }
        OwnStreamCommands.Written written = commands.write(
                userId, () -> events.stream(userId, movieId), WatchlistStream::version, decide, events::append);
        return new WatchlistChange(
                movieId, onWatchlist, written.eventId(), written.position(), written.streamVersion());
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
