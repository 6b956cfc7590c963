package dev.movieratings.projection.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingEventFixtures;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The projector's use case over in-memory ports: given stored events, when delivered, then outcomes and rows. */
class ProjectingEventsTest {

    private final Map<UUID, StoredEvent> table = new LinkedHashMap<>();
    private final InMemoryStore store = new InMemoryStore();
    private final ProjectingEvents projecting = new ProjectingEvents(
            ids -> ids.stream().filter(table::containsKey).map(table::get).toList(), store, store);

    @Test
    void aStoredEventIsAppliedOnceAndItsRedeliveryIsADuplicate() {
        RatingEvent rating = stored(RatingEventFixtures.firstRating("ana", 1, 4.0));

        assertThat(projecting.apply(List.of(rating)).outcomes())
                .containsEntry(rating.eventId(), ProjectionOutcome.APPLIED);
        assertThat(projecting.apply(List.of(rating)).outcomes())
                .containsEntry(rating.eventId(), ProjectionOutcome.DUPLICATE);
        assertThat(store.ratings.get("ana/1").stars().decimal()).isEqualByComparingTo("4.0");
    }

    @Test
    void anIdTheEventStoreDoesNotHoldIsUnknownAndChangesNothing() {
        RatingEvent forged = RatingEventFixtures.firstRating("mallory", 1, 5.0);

        assertThat(projecting.apply(List.of(forged)).outcomes())
                .containsEntry(forged.eventId(), ProjectionOutcome.UNKNOWN);
        assertThat(store.ratings).isEmpty();
    }

    @Test
    void anOlderVersionDeliveredAfterANewerOneIsStale() {
        RatingEvent first = stored(RatingEventFixtures.firstRating("bo", 2, 3.0));
        RatingEvent second = stored(RatingEventFixtures.changedRatingWithReview("bo", 2, 3.0, 4.5));

        projecting.apply(List.of(second));

        assertThat(projecting.apply(List.of(first)).outcomes()).containsEntry(first.eventId(), ProjectionOutcome.STALE);
        assertThat(store.ratings.get("bo/2").version()).isEqualTo(2);
    }

    @Test
    void whenTheBatchFailsItsEventsAreAppliedOneByOneAndOnlyThePoisonFails() {
        RatingEvent before = stored(RatingEventFixtures.firstRating("cy", 3, 2.0));
        RatingEvent poison = stored(RatingEventFixtures.firstRating("poison", 3, 1.0));
        RatingEvent after = stored(RatingEventFixtures.firstRating("di", 3, 5.0));
        store.failingUser = "poison";

        ProjectingEvents.Applied applied = projecting.apply(List.of(before, poison, after));

        assertThat(applied.failures()).containsOnlyKeys(poison.eventId());
        assertThat(applied.outcomes())
                .containsEntry(before.eventId(), ProjectionOutcome.APPLIED)
                .containsEntry(after.eventId(), ProjectionOutcome.APPLIED)
                .doesNotContainKey(poison.eventId());
        assertThat(store.ratings).containsOnlyKeys("cy/3", "di/3");
        assertThat(store.applied).containsExactlyInAnyOrder(before.eventId(), after.eventId());
    }

    @Test
    void failuresAndTheWatermarkAreTheStoresToKeep() {
        RatingEvent rating = stored(RatingEventFixtures.firstRating("ed", 4, 3.0));
        projecting.apply(List.of(rating));

        projecting.recordFailure(rating.eventId(), "m-1", "boom");

        assertThat(store.failures).containsExactly(rating.eventId() + " m-1 boom");
        assertThat(projecting.advanceWatermark()).isEqualTo(1);

        projecting.apply(List.of(rating));
        assertThat(store.resolved)
                .as("a delivery of the event resolves its earlier failures")
                .contains(rating.eventId());
    }

    private RatingEvent stored(RatingEvent event) {
        table.put(event.eventId(), new StoredEvent(table.size() + 1, event));
        return event;
    }

    /** The projection tables and their transactions in memory: a failed transaction leaves no trace. */
    private static final class InMemoryStore implements ProjectionStore, ProjectionTransactions {
        Map<String, UserRating> ratings = new HashMap<>();
        Set<UUID> applied = new HashSet<>();
        String failingUser;
        List<String> failures = new java.util.ArrayList<>();
        Set<UUID> resolved = new HashSet<>();

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            Map<String, UserRating> ratingsBefore = new HashMap<>(ratings);
            Set<UUID> appliedBefore = new HashSet<>(applied);
            try {
                return work.get();
            } catch (RuntimeException e) {
                ratings = ratingsBefore;
                applied = appliedBefore;
                throw e;
            }
        }

        @Override
        public void lockStreams(Collection<StoredEvent> events, Collection<UUID> resolvingFailuresOf) {
            resolved.addAll(resolvingFailuresOf);
        }

        @Override
        public Recorded recordApplied(Collection<StoredEvent> events) {
            Set<UUID> recorded = new HashSet<>();
            for (StoredEvent stored : events) {
                if (applied.add(stored.event().eventId())) {
                    recorded.add(stored.event().eventId());
                }
            }
            List<UserRating> streams = events.stream()
                    .map(stored -> ratings.get(
                            key(stored.event().userId(), stored.event().movieId())))
                    .filter(rating -> rating != null)
                    .distinct()
                    .toList();
            return new Recorded(recorded, streams);
        }

        @Override
        public void writeChanges(ProjectionFold fold) {
            for (UserRating rating : fold.changedStreams()) {
                if (rating.userId().equals(failingUser)) {
                    throw new IllegalStateException("cannot write the rating of " + failingUser);
                }
                ratings.put(key(rating.userId(), rating.movieId()), rating);
            }
        }

        @Override
        public void writeHistory(List<RatingEvent> events) {}

        @Override
        public Set<UUID> writeWatchlist(List<StoredEvent> watchlist, List<StoredEvent> submitted) {
            return Set.of();
        }

        @Override
        public Set<UUID> writeHelpful(List<StoredEvent> votes, List<StoredEvent> reviewEnds) {
            return Set.of();
        }

        @Override
        public void writeTags(List<RatingEvent> tags) {}

        @Override
        public void writeDiary(List<RatingEvent> events) {}

        @Override
        public void markSimilarityStale(Collection<Long> movies) {}

        @Override
        public long advanceWatermark() {
            return applied.size();
        }

        @Override
        public void recordFailure(UUID eventId, String messageId, String error) {
            failures.add(eventId + " " + messageId + " " + error);
        }

        private static String key(String user, long movie) {
            return user + "/" + movie;
        }
    }
}
