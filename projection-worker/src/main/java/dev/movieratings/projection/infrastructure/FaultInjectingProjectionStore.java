package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.projection.application.ProjectionStore;
import dev.movieratings.rating.projection.ProjectionFold;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Failures switched on by configuration, for chaos and poison-event tests, around the live projection
 * tables: a batch holding an event of a named user always fails (a projector bug that bites on
 * certain data, until configuration "deploys the fix"), each event fails a batch at random with the
 * given rate before anything is written, and a batch fails with the transaction failure rate after
 * its last write (so all of its writes roll back). Wired only where faults are asked for, never by
 * default; the failing users are read on every call, so a test can lift the fault without a restart.
 */
final class FaultInjectingProjectionStore implements ProjectionStore {

    private final ProjectionStore tables;
    private final Supplier<Set<String>> failingUsers;
    private final double failureRate;
    private final double transactionFailureRate;
    private final Random random;

    FaultInjectingProjectionStore(
            ProjectionStore tables,
            Supplier<Set<String>> failingUsers,
            double failureRate,
            double transactionFailureRate,
            long seed) {
        for (double rate : new double[] {failureRate, transactionFailureRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("failure rate must be between 0 and 1: " + rate);
            }
        }
        this.tables = tables;
        this.failingUsers = failingUsers;
        this.failureRate = failureRate;
        this.transactionFailureRate = transactionFailureRate;
        this.random = new Random(seed);
    }

    /** The first call of every batch: a fault here fails the batch before it has written anything. */
    @Override
    public void lockStreams(Collection<StoredEvent> events, Collection<UUID> resolvingFailuresOf) {
        events.forEach(stored -> beforeApplying(stored.event().userId()));
        tables.lockStreams(events, resolvingFailuresOf);
    }

    private void beforeApplying(String userId) {
        if (failingUsers.get().contains(userId)) {
            throw new InjectedFailure("injected failure for the events of user " + userId);
        }
        if (draw(failureRate)) {
            throw new InjectedFailure("injected random failure");
        }
    }

    private boolean draw(double rate) {
        synchronized (random) {
            return rate > 0 && random.nextDouble() < rate;
        }
    }

    @Override
    public Recorded recordApplied(Collection<StoredEvent> events) {
        return tables.recordApplied(events);
    }

    @Override
    public void writeChanges(ProjectionFold fold) {
        tables.writeChanges(fold);
    }

    @Override
    public Set<UUID> writeWatchlist(List<StoredEvent> watchlist, List<StoredEvent> submitted) {
        return tables.writeWatchlist(watchlist, submitted);
    }

    @Override
    public Set<UUID> writeHelpful(List<StoredEvent> votes, List<StoredEvent> reviewEnds) {
        return tables.writeHelpful(votes, reviewEnds);
    }

    @Override
    public void writeTags(List<RatingEvent> tags) {
        tables.writeTags(tags);
    }

    @Override
    public void writeHistory(List<RatingEvent> events) {
        tables.writeHistory(events);
        // the batch's last write: a fault here is inside the transaction, so the whole batch rolls back
        if (draw(transactionFailureRate)) {
            throw new InjectedFailure("injected failure inside the transaction, after the batch's writes");
        }
    }

    @Override
    public void markSimilarityStale(Collection<Long> movies) {
        tables.markSimilarityStale(movies);
    }

    @Override
    public void writeDiary(List<RatingEvent> events) {
        tables.writeDiary(events);
    }

    @Override
    public long advanceWatermark() {
        return tables.advanceWatermark();
    }

    @Override
    public void recordFailure(@Nullable UUID eventId, String messageId, String error) {
        tables.recordFailure(eventId, messageId, error);
    }

    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }
}
