package dev.movieratings.projection.application;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The projector's use case: applies a delivered batch in one transaction, and when that fails applies
 * its events one by one, so a poison event fails alone. What is applied is the event the store holds
 * under each delivered id — a message can only point at a committed event, never forge one.
 */
public final class ProjectingEvents {

    private static final System.Logger LOG = System.getLogger(ProjectingEvents.class.getName());

    private final StoredEvents events;
    private final ProjectionStore store;
    private final ProjectionTransactions transactions;

    public ProjectingEvents(StoredEvents events, ProjectionStore store, ProjectionTransactions transactions) {
        this.events = events;
        this.store = store;
        this.transactions = transactions;
    }

    /** Each distinct delivered event's outcome, and the failure of each event that could not be applied. */
    public record Applied(Map<UUID, ProjectionOutcome> outcomes, Map<UUID, RuntimeException> failures) {}

    public Applied apply(Collection<RatingEvent> delivered) {
        if (delivered.isEmpty()) {
            return new Applied(Map.of(), Map.of());
        }
        try {
            return new Applied(applyTogether(delivered), Map.of());
        } catch (RuntimeException batchFailure) {
            LOG.log(
                    Level.WARNING,
                    "batch of {0} not applied ({1}); applying its events one by one",
                    delivered.size(),
                    batchFailure.toString());
        }
        Map<UUID, ProjectionOutcome> outcomes = new LinkedHashMap<>();
        Map<UUID, RuntimeException> failures = new LinkedHashMap<>();
        for (RatingEvent event : delivered) {
            try {
                outcomes.putAll(applyTogether(List.of(event)));
            } catch (RuntimeException e) {
                failures.put(event.eventId(), e);
            }
        }
        return new Applied(outcomes, failures);
    }

    /** @return each distinct event's outcome, UNKNOWN for an id the event store does not hold */
    private Map<UUID, ProjectionOutcome> applyTogether(Collection<RatingEvent> delivered) {
        List<UUID> ids = delivered.stream().map(RatingEvent::eventId).toList();
        return transactions.inTransaction(() -> {
            List<StoredEvent> stored = events.byIds(ids);
            store.lockStreams(stored, ids);
            Map<UUID, ProjectionOutcome> outcomes = ProjectionBatch.applyLocked(store, stored);
            ids.forEach(id -> outcomes.putIfAbsent(id, ProjectionOutcome.UNKNOWN));
            return outcomes;
        });
    }

    /** See {@link ProjectionStore#recordFailure}. */
    public void recordFailure(@Nullable UUID eventId, String messageId, String error) {
        store.recordFailure(eventId, messageId, error);
    }

    /** See {@link ProjectionStore#advanceWatermark}. */
    public long advanceWatermark() {
        return store.advanceWatermark();
    }
}
