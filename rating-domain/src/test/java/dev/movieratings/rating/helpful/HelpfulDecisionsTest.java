package dev.movieratings.rating.helpful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HelpfulDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final UUID REVIEW = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID OTHER_REVIEW = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final ReviewToVoteOn ALICES = new ReviewToVoteOn(REVIEW, 318, "alice");

    @Test
    void aVoteIsOnePerPersonPerReviewAndASecondMarkWritesNothing() {
        HelpfulStream empty = HelpfulStream.of("bob", 318, List.of());
        ReviewMarkedHelpful marked =
                HelpfulDecisions.mark(empty, ALICES, UUID.randomUUID(), NOW).orElseThrow();
        assertThat(marked.streamVersion()).isEqualTo(1);
        assertThat(marked.reviewAuthor()).isEqualTo("alice");
        assertThat(marked.stream()).isEqualTo(RatingEvent.HELPFUL_STREAM);
        HelpfulStream after = HelpfulStream.of("bob", 318, List.of(marked));
        assertThat(HelpfulDecisions.mark(after, ALICES, UUID.randomUUID(), NOW)).isEmpty();
        ReviewUnmarkedHelpful unmarked =
                HelpfulDecisions.unmark(after, REVIEW, UUID.randomUUID(), NOW).orElseThrow();
        assertThat(unmarked.streamVersion()).isEqualTo(2);
        HelpfulStream off = HelpfulStream.of("bob", 318, List.of(unmarked, marked));
        assertThat(HelpfulDecisions.unmark(off, REVIEW, UUID.randomUUID(), NOW)).isEmpty();
        assertThat(HelpfulDecisions.mark(off, ALICES, UUID.randomUUID(), NOW)
                        .orElseThrow()
                        .streamVersion())
                .isEqualTo(3);
    }

    @Test
    void nobodyMarksTheirOwnReview() {
        assertThatThrownBy(() -> HelpfulDecisions.mark(
                        HelpfulStream.of("alice", 318, List.of()), ALICES, UUID.randomUUID(), NOW))
                .isInstanceOf(OwnReview.class);
    }

    @Test
    void anErasureTakesBackEveryStandingVoteOfTheStream() {
        UUID other = UUID.fromString("00000000-0000-4000-8000-000000000002");
        ReviewMarkedHelpful first = HelpfulDecisions.mark(
                        HelpfulStream.of("bob", 318, List.of()), ALICES, UUID.randomUUID(), NOW)
                .orElseThrow();
        ReviewMarkedHelpful second = HelpfulDecisions.mark(
                        HelpfulStream.of("bob", 318, List.of(first)),
                        new ReviewToVoteOn(other, 318, "carol"),
                        UUID.randomUUID(),
                        NOW)
                .orElseThrow();
        UUID erasure = UUID.randomUUID();
        List<ReviewUnmarkedHelpful> erased = HelpfulDecisions.erase(
                HelpfulStream.of("bob", 318, List.of(first, second)), UUID::randomUUID, erasure, NOW);
        assertThat(erased).extracting(ReviewUnmarkedHelpful::streamVersion).containsExactly(3, 4);
        assertThat(erased).extracting(ReviewUnmarkedHelpful::erasureId).containsOnly(erasure);
        assertThat(erased).extracting(ReviewUnmarkedHelpful::reviewId).containsExactlyInAnyOrder(REVIEW, other);
    }

    @Test
    void theFoldGivesOneStateInAnyOrderAndAnEndOfTheReviewEndsTheVotesBeforeIt() {
        List<Object[]> events = new ArrayList<>();
        Instant at = NOW;
        events.add(new Object[] {
            1L, new RatingSubmitted(UUID.randomUUID(), "alice", 318, 1, at, 4.0, null, at, new Review(null, false))
        });
        events.add(new Object[] {2L, new ReviewMarkedHelpful(UUID.randomUUID(), "bob", 318, 1, at, REVIEW, "alice")});
        events.add(new Object[] {3L, new ReviewMarkedHelpful(UUID.randomUUID(), "carol", 318, 1, at, REVIEW, "alice")});
        events.add(new Object[] {
            4L, new ReviewUnmarkedHelpful(UUID.randomUUID(), "carol", 318, 2, at, REVIEW, "alice", null)
        });
        events.add(new Object[] {5L, new ReviewMarkedHelpful(UUID.randomUUID(), "dave", 318, 1, at, REVIEW, "alice")});
        // a vote for another review of the film counts for that one only
        events.add(
                new Object[] {6L, new ReviewMarkedHelpful(UUID.randomUUID(), "erin", 318, 1, at, OTHER_REVIEW, "frank")
                });
        Random random = new Random(20);
        for (int round = 0; round < 20; round++) {
            List<Object[]> shuffled = new ArrayList<>(events);
            shuffled.addAll(events.subList(0, random.nextInt(events.size())));
            Collections.shuffle(shuffled, random);
            HelpfulVotesFold fold = new HelpfulVotesFold();
            shuffled.forEach(e -> fold.apply((Long) e[0], (RatingEvent) e[1]));
            assertThat(fold.count(REVIEW)).isEqualTo(2); // bob and dave; carol took hers back
            assertThat(fold.count(OTHER_REVIEW)).isEqualTo(1);
        }
        HelpfulVotesFold retracted = new HelpfulVotesFold();
        events.forEach(e -> retracted.apply((Long) e[0], (RatingEvent) e[1]));
        retracted.apply(7L, new RatingRetracted(UUID.randomUUID(), "alice", 318, 2, NOW, 4.0));
        assertThat(retracted.count(REVIEW)).isZero();
        assertThat(retracted.count(OTHER_REVIEW))
                .as("the end of alice's review ends no other")
                .isEqualTo(1);
        assertThat(retracted.row("bob", REVIEW).endedPosition()).isEqualTo(7L);
        HelpfulVotesFold starsOnly = new HelpfulVotesFold();
        events.forEach(e -> starsOnly.apply((Long) e[0], (RatingEvent) e[1]));
        starsOnly.apply(
                7L,
                new RatingSubmitted(UUID.randomUUID(), "alice", 318, 2, NOW, 2.0, 4.0, NOW, new Review(null, false)));
        assertThat(starsOnly.count(REVIEW))
                .as("an edit keeps the review and its votes")
                .isEqualTo(2);
    }
}
