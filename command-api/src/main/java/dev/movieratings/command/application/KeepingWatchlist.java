package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
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
 * the caller's watchlist stream for the film (or none: both are idempotent), appends it with its publication
 * record, then publishes it; concurrent writers to one stream are resolved as for ratings. A write that appends
 * counts against the same per-minute quota as ratings; one that changes nothing does not.
 */
public final class KeepingWatchlist {

    private static final int MAX_ATTEMPTS = 5;

    private final WatchlistEvents events;
    private final Catalog catalog;
    private final PublishingEvents publishing;
    private final WriteQuota quota;
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
        this.publishing = publishing;
        this.quota = quota;
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
        for (int attempt = 1; ; attempt++) {
            WatchlistStream stream = events.stream(userId, movieId);
            Optional<? extends RatingEvent> next = decide.apply(stream);
            if (next.isEmpty()) {
                return new WatchlistChange(movieId, onWatchlist, null, null, stream.version());
            }
            if (attempt == 1) {
                quota.acquire(userId);
            }
            try {
                StoredEvent stored = events.append(next.get());
                publishing.publishCommitted(stored);
                return new WatchlistChange(
                        movieId,
                        onWatchlist,
                        stored.event().eventId(),
                        stored.position(),
                        stored.event().streamVersion());
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Microseconds, as PostgreSQL keeps them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
