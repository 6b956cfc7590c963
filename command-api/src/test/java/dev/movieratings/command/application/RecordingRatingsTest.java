package dev.movieratings.command.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.rating.NothingToRetract;
import dev.movieratings.rating.Stars;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Given the events of a stream, when a command arrives, then these events are appended (or none). */
class RecordingRatingsTest {

    private static final Instant EARLIER = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2024-05-02T12:30:00.123456Z");

    private final InMemoryRatingEvents store = new InMemoryRatingEvents();
    private int nextId;
    private final RecordingRatings ratings = new RecordingRatings(
            store,
            store,
            new PublishingEvents(store, store),
            store,
            Clock.fixed(NOW.plusNanos(789), ZoneOffset.UTC),
            () -> new UUID(0, ++nextId),
            new Fingerprints(store));

    @Test
    void aFirstRatingStartsTheStreamAtVersionOneAndIsPublished() {
        Accepted accepted = ratings.submit(submit("alice", 318, "4.5", null));

        assertThat(newEvents())
                .containsExactly(new RatingSubmitted(new UUID(0, 1), "alice", 318, 1, NOW, 4.5, null, NOW, null));
        assertThat(accepted).isEqualTo(new Accepted(new UUID(0, 1), 1, 1));
        assertThat(store.unpublished).isEmpty();
        assertThat(store.quotaUsedBy).containsExactly("alice");
    }

    @Test
    void aChangedRatingCarriesThePreviousStarsAndKeepsWhenTheRatingBegan() {
        store.given(submitted("alice", 318, 1, 3.0, null, EARLIER));
        Review review = new Review("Better the second time.", true);

        ratings.submit(submit("alice", 318, "4.0", review));

        assertThat(newEvents())
                .containsExactly(new RatingSubmitted(new UUID(0, 1), "alice", 318, 2, NOW, 4.0, 3.0, EARLIER, review));
    }

    @Test
    void aRetractionWithdrawsTheCurrentStars() {
        store.given(submitted("alice", 318, 1, 3.0, null, EARLIER), submitted("alice", 318, 2, 2.5, 3.0, EARLIER));

        ratings.retract(new RetractRating("alice", 318, null));

        assertThat(newEvents()).containsExactly(new RatingRetracted(new UUID(0, 1), "alice", 318, 3, NOW, 2.5));
    }

    @Test
    void retractingWhatIsNotThereAppendsNothingAndUsesNoQuota() {
        store.given(submitted("bob", 318, 1, 3.0, null, EARLIER));

        assertThatThrownBy(() -> ratings.retract(new RetractRating("alice", 318, null)))
                .isInstanceOf(NothingToRetract.class);
        assertThat(newEvents()).isEmpty();
        assertThat(store.quotaUsedBy).isEmpty();
    }

    @Test
    void aMovieOutsideTheCatalogIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> ratings.submit(submit("alice", 99_999, "4.0", null)))
                .isInstanceOf(MovieNotFound.class);
        assertThat(newEvents()).isEmpty();
        assertThat(store.quotaUsedBy).isEmpty();
    }

    /** The person's request key is made with their first fingerprint: a refused request must not make it (V108). */
    @Test
    void aRefusedRequestWithAnIdempotencyKeyMakesNoRequestKey() {
        store.given(submitted("bob", 318, 1, 3.0, null, EARLIER));

        assertThatThrownBy(() -> ratings.submit(submit("alice", 99_999, "4.0", null, "key-1")))
                .isInstanceOf(MovieNotFound.class);
        assertThatThrownBy(() -> ratings.retract(new RetractRating("alice", 318, "key-2")))
                .isInstanceOf(NothingToRetract.class);
        assertThat(store.requestKeysMadeFor).isEmpty();

        ratings.submit(submit("alice", 318, "4.0", null, "key-3"));
        assertThat(store.requestKeysMadeFor).containsExactly("alice");
    }

    @Test
    void aReplayedIdempotencyKeyAnswersAsTheFirstTimeAndAppendsNothing() {
        Accepted first = ratings.submit(submit("alice", 318, "4.5", null, "key-1"));

        Accepted replay = ratings.submit(submit("alice", 318, "4.5", null, "key-1"));

        assertThat(replay).isEqualTo(first);
        assertThat(newEvents()).hasSize(1);
        assertThat(store.quotaUsedBy).hasSize(1);
    }

    @Test
    void aKeyReusedForADifferentRequestIsRefused() {
        ratings.submit(submit("alice", 318, "4.5", null, "key-1"));

        assertThatThrownBy(() -> ratings.submit(submit("alice", 318, "2.0", null, "key-1")))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(newEvents()).hasSize(1);
    }

    @Test
    void theSameKeyOfAnotherUserIsTheirOwn() {
        ratings.submit(submit("alice", 318, "4.5", null, "key-1"));

        ratings.submit(submit("bob", 318, "2.0", null, "key-1"));

        assertThat(newEvents()).extracting(RatingEvent::userId).containsExactly("alice", "bob");
    }

    @Test
    void aWriterThatLosesTheRaceDecidesAgainOnTheStreamAsItNowIs() {
        store.given(submitted("alice", 318, 1, 3.0, null, EARLIER));
        store.beforeNextAppend(mine -> store.given(submitted("alice", 318, 2, 1.0, 3.0, EARLIER)));

        Accepted accepted = ratings.submit(submit("alice", 318, "4.0", null));

        assertThat(newEvents())
                .containsExactly(new RatingSubmitted(new UUID(0, 2), "alice", 318, 3, NOW, 4.0, 1.0, EARLIER, null));
        assertThat(accepted).isEqualTo(new Accepted(new UUID(0, 2), 3, 3));
        assertThat(store.quotaUsedBy).as("one command, one unit of quota").hasSize(1);
    }

    @Test
    void aStreamThatKeepsMovingGivesUpAfterFiveAttempts() {
        InMemoryRatingEvents busy = new InMemoryRatingEvents();
        busy.beforeEveryAppend(
                mine -> busy.given(submitted(mine.userId(), mine.movieId(), mine.streamVersion(), 1.0, null, EARLIER)));
        RecordingRatings recording = new RecordingRatings(
                busy,
                busy,
                new PublishingEvents(busy, busy),
                busy,
                Clock.systemUTC(),
                UUID::randomUUID,
                new Fingerprints(busy));

        assertThatThrownBy(() -> recording.submit(submit("alice", 318, "4.0", null)))
                .isInstanceOf(RatingEventStore.StreamVersionConflict.class);
        assertThat(busy.appended).as("only the competitor's five events").hasSize(5);
    }

    @Test
    void aConcurrentRequestWithTheSameKeyThatCommitsFirstGivesItsAnswer() {
        SubmitRating command = submit("alice", 318, "4.5", null, "key-1");
        store.beforeNextAppend(mine -> store.append(
                submitted("alice", 318, 1, 4.5, null, NOW),
                "key-1",
                new Fingerprints(store)
                        .onFirstUse("alice", "key-1", command.digest())
                        .get()));

        Accepted accepted = ratings.submit(command);

        assertThat(store.appended).as("only the competitor's event").hasSize(1);
        assertThat(accepted)
                .isEqualTo(new Accepted(store.appended.get(0).event().eventId(), 1, 1));
    }

    @Test
    void aBusThatIsDownLeavesTheEventInTheOutboxAndTheCommandAccepted() {
        store.busDown = true;

        Accepted accepted = ratings.submit(submit("alice", 318, "4.5", null));

        assertThat(store.unpublished).containsExactly(accepted.eventId());
    }

    @Test
    void aUserOverTheirQuotaWritesNothing() {
        store.quotaPerUser = 1;
        ratings.submit(submit("alice", 318, "4.5", null));

        assertThatThrownBy(() -> ratings.submit(submit("alice", 1, "4.5", null)))
                .isInstanceOf(WriteQuota.WriteLimitExceeded.class);
        assertThat(newEvents()).hasSize(1);
    }

    private List<RatingEvent> newEvents() {
        return store.appended.stream()
                .map(StoredEvent::event)
                .filter(e -> !e.occurredAt().equals(EARLIER))
                .toList();
    }

    private static SubmitRating submit(String user, long movie, String stars, Review review) {
        return submit(user, movie, stars, review, null);
    }

    private static SubmitRating submit(String user, long movie, String stars, Review review, String key) {
        return new SubmitRating(user, movie, Stars.of(new BigDecimal(stars)), review, key);
    }

    private static RatingSubmitted submitted(
            String user, long movie, int version, double stars, Double previous, Instant since) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, version, EARLIER, stars, previous, since, null);
    }
}
