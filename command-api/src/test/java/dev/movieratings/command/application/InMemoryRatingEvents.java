package dev.movieratings.command.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.Stars;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The command side's ports held in memory, with the same contract as the JDBC adapters: one stream
 * version after another, idempotency keys unique per user, an outbox of what is not yet published.
 * {@link #beforeNextAppend} lets a test slip a competing writer in between a read and an append.
 */
final class InMemoryRatingEvents implements RatingEventStore, Outbox, EventPublisher, Catalog, WriteQuota, RequestKeys {

    /** Each person's request key: their id's bytes, distinct per person, which is all these tests need. */
    @Override
    public byte[] of(String userId) {
        requestKeysMadeFor.add(userId);
        return Arrays.copyOf(userId.getBytes(StandardCharsets.UTF_8), 32);
    }

    final Set<String> requestKeysMadeFor = new LinkedHashSet<>();

    final List<StoredEvent> appended = new ArrayList<>();
    final Set<UUID> unpublished = new LinkedHashSet<>();
    final Set<Long> movies = new LinkedHashSet<>(List.of(1L, 318L));
    final List<String> quotaUsedBy = new ArrayList<>();
    int quotaPerUser = Integer.MAX_VALUE;
    boolean busDown;
    private final Map<String, RecordedCommand> keys = new HashMap<>();
    private Consumer<RatingEvent> beforeNextAppend = event -> {};
    private Consumer<RatingEvent> beforeEveryAppend = event -> {};

    /** Events that were there before the command under test ran. */
    void given(RatingEvent... events) {
        for (RatingEvent event : events) {
            appended.add(new StoredEvent(appended.size() + 1, event));
        }
    }

    void beforeNextAppend(Consumer<RatingEvent> action) {
        beforeNextAppend = action;
    }

    void beforeEveryAppend(Consumer<RatingEvent> action) {
        beforeEveryAppend = action;
    }

    @Override
    public Optional<RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey) {
        return Optional.ofNullable(keys.get(userId + "\n" + idempotencyKey));
    }

    @Override
    public RatingStream stream(String userId, long movieId) {
        RatingStream stream = RatingStream.empty(userId, movieId);
        for (StoredEvent stored : appended) {
            RatingEvent event = stored.event();
            if (event.userId().equals(userId) && event.movieId() == movieId) {
                stream = event instanceof RatingSubmitted s
                        ? new RatingStream(userId, movieId, s.streamVersion(), Stars.of(s.stars()), s.ratedSince())
                        : new RatingStream(userId, movieId, ((RatingRetracted) event).streamVersion(), null, null);
            }
        }
        return stream;
    }

    @Override
    public StoredEvent append(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint) {
        Consumer<RatingEvent> competitor = beforeNextAppend;
        beforeNextAppend = e -> {};
        competitor.accept(event);
        beforeEveryAppend.accept(event);
        if (idempotencyKey != null && keys.containsKey(event.userId() + "\n" + idempotencyKey)) {
            throw new IdempotencyKeyTaken(idempotencyKey);
        }
        if (event.streamVersion() != stream(event.userId(), event.movieId()).version() + 1) {
            throw new StreamVersionConflict(
                    "stream moved to " + stream(event.userId(), event.movieId()).version());
        }
        StoredEvent stored = new StoredEvent(appended.size() + 1, event);
        appended.add(stored);
        unpublished.add(event.eventId());
        if (idempotencyKey != null) {
            keys.put(
                    event.userId() + "\n" + idempotencyKey,
                    new RecordedCommand(
                            new Accepted(event.eventId(), stored.position(), event.streamVersion()), fingerprint));
        }
        return stored;
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        if (busDown) {
            throw new IllegalStateException("the bus is down");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.event().eventId()));
        return ids;
    }

    @Override
    public void markPublished(Set<UUID> eventIds) {
        unpublished.removeAll(eventIds);
    }

    @Override
    public int relayBatch(int max, Duration minimumAge, Function<List<StoredEvent>, Set<UUID>> publish) {
        throw new UnsupportedOperationException("the relay is not under test here");
    }

    @Override
    public OutboxStatus status() {
        throw new UnsupportedOperationException("the relay is not under test here");
    }

    @Override
    public boolean movieExists(long movieId) {
        return movies.contains(movieId);
    }

    @Override
    public void acquire(String userId) {
        if (quotaUsedBy.stream().filter(userId::equals).count() >= quotaPerUser) {
            throw new WriteLimitExceeded(quotaPerUser, 60);
        }
        quotaUsedBy.add(userId);
    }
}
