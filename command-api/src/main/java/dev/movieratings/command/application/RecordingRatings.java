package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingDecisions;
import dev.movieratings.rating.RatingStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The command side's use cases: submitting and retracting a rating. Each decides the next event of the
 * caller's stream, appends it with its publication record in one transaction, then publishes it.
 * Concurrent writers to one stream are resolved by optimistic concurrency: the loser re-reads and
 * decides again. A replayed Idempotency-Key returns the first answer and writes nothing.
 */
public final class RecordingRatings {

    private static final int MAX_ATTEMPTS = 5;

    private final RatingEventStore events;
    private final Catalog catalog;
    private final PublishingEvents publishing;
    private final WriteQuota quota;
    private final Clock clock;
    private final Supplier<UUID> eventIds;
    private final Fingerprints fingerprints;

    public RecordingRatings(
            RatingEventStore events,
            Catalog catalog,
            PublishingEvents publishing,
            WriteQuota quota,
            Clock clock,
            Supplier<UUID> eventIds,
            Fingerprints fingerprints) {
        this.events = events;
        this.catalog = catalog;
        this.publishing = publishing;
        this.quota = quota;
        this.clock = clock;
        this.eventIds = eventIds;
        this.fingerprints = fingerprints;
    }

    public Accepted submit(SubmitRating command) {
        return record(
                command.userId(),
                command.movieId(),
                command.idempotencyKey(),
                command.digest(),
                stream -> RatingDecisions.submit(stream, command.stars(), command.review(), eventIds.get(), now()));
    }

    public Accepted retract(RetractRating command) {
        return record(
                command.userId(),
                command.movieId(),
                command.idempotencyKey(),
                command.digest(),
                stream -> RatingDecisions.retract(stream, eventIds.get(), now()));
    }

    /** Microseconds, as PostgreSQL keeps them, so an event and its stored row carry the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Accepted record(
            String userId,
            long movieId,
            @Nullable String idempotencyKey,
            String digest,
            Function<RatingStream, RatingEvent> decide) {
        Supplier<@Nullable String> fingerprint = fingerprints.onFirstUse(userId, idempotencyKey, digest);
        Optional<Accepted> replay = replayed(userId, idempotencyKey, fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!catalog.movieExists(movieId)) {
            throw new MovieNotFound(movieId);
        }
        for (int attempt = 1; ; attempt++) {
            RatingEvent event = decide.apply(events.stream(userId, movieId));
            if (attempt == 1) {
                // counted only for commands that would be accepted: refused input uses no quota
                quota.acquire(userId);
            }
            try {
                StoredEvent stored = events.append(event, idempotencyKey, fingerprint.get());
                publishing.publishCommitted(stored);
                return new Accepted(
                        stored.event().eventId(),
                        stored.position(),
                        stored.event().streamVersion());
            } catch (RatingEventStore.IdempotencyKeyTaken e) {
                return replayed(userId, idempotencyKey, fingerprint).orElseThrow(() -> e);
            } catch (RatingEventStore.StreamVersionConflict e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Optional<Accepted> replayed(
            String userId, @Nullable String idempotencyKey, Supplier<@Nullable String> fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return events.findByIdempotencyKey(userId, idempotencyKey).map(recorded -> {
            if (!recorded.fingerprint().equals(fingerprint.get())) {
                throw new IdempotencyKeyReused();
            }
            return recorded.answer();
        });
    }
}
