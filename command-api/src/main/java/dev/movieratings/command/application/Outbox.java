package dev.movieratings.command.application;

import dev.movieratings.eventstore.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** The publication records written with each event: what is committed but not yet on the bus. */
public interface Outbox {

    void markPublished(Set<UUID> eventIds);

    /**
     * Claims up to {@code max} unpublished events at least {@code minimumAge} old (so the command that
     * wrote them has had its chance), hands them to {@code publish}, and records the outcome: published
     * ones are marked, the rest get an attempt and the error counted. Claimed rows are locked, so
     * concurrent relays skip each other's.
     *
     * @return how many events were claimed
     */
    int relayBatch(int max, Duration minimumAge, Function<List<StoredEvent>, Set<UUID>> publish);

    OutboxStatus status();

    record OutboxStatus(long unpublished, Duration oldestAge) {}
}
