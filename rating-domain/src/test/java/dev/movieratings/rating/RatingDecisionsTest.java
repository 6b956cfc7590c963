package dev.movieratings.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RatingDecisionsTest {

    private static final Instant FIRST = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void aFirstRatingStartsTheStreamAtVersionOne() {
        RatingSubmitted event = RatingDecisions.submit(
                RatingStream.empty("alice", 318), Stars.of(new BigDecimal("4.5")), null, UUID.randomUUID(), FIRST);
        assertThat(event.streamVersion()).isEqualTo(1);
        assertThat(event.previousStars()).isNull();
        assertThat(event.ratedSince()).isEqualTo(FIRST);
    }

    @Test
    void aChangeCarriesThePreviousStarsAndKeepsWhenTheRatingBegan() {
        RatingStream stream = new RatingStream("alice", 318, 1, Stars.of(4.0), FIRST);
        RatingSubmitted event = RatingDecisions.submit(stream, Stars.of(2.5), null, UUID.randomUUID(), LATER);
        assertThat(event.streamVersion()).isEqualTo(2);
        assertThat(event.previousStars()).isEqualTo(4.0);
        assertThat(event.ratedSince()).isEqualTo(FIRST);
        assertThat(event.occurredAt()).isEqualTo(LATER);
    }

    @Test
    void aRatingAfterARetractionBeginsAfresh() {
        RatingStream retracted = new RatingStream("alice", 318, 2, null, null);
        RatingSubmitted event = RatingDecisions.submit(retracted, Stars.of(3.0), null, UUID.randomUUID(), LATER);
        assertThat(event.streamVersion()).isEqualTo(3);
        assertThat(event.previousStars()).isNull();
        assertThat(event.ratedSince()).isEqualTo(LATER);
    }

    @Test
    void aRetractionNamesTheStarsItWithdraws() {
        RatingRetracted event =
                RatingDecisions.retract(new RatingStream("bob", 1, 4, Stars.of(1.5), FIRST), UUID.randomUUID(), LATER);
        assertThat(event.streamVersion()).isEqualTo(5);
        assertThat(event.previousStars()).isEqualTo(1.5);
    }

    @Test
    void withdrawingARatingThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> RatingDecisions.retract(RatingStream.empty("bob", 1), UUID.randomUUID(), LATER))
                .isInstanceOf(NothingToRetract.class);
        assertThatThrownBy(() ->
                        RatingDecisions.retract(new RatingStream("bob", 1, 2, null, null), UUID.randomUUID(), LATER))
                .isInstanceOf(NothingToRetract.class);
    }
}
