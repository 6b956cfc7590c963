package dev.movieratings.rating.diary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.projection.ProjectionFold;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiaryFoldTest {

    private static final Instant T = Instant.parse("2026-11-01T10:00:00Z");
    private static final UUID FIRST = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID SECOND = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID THIRD = UUID.fromString("00000000-0000-4000-8000-000000000003");

    /** One stream: two viewings and a rating, one viewing edited, one deleted, an erasure, a viewing after it. */
    private static List<RatingEvent> stream() {
        return List.of(
                logged(FIRST, 1, "2020-05-01", 4.0),
                new RatingSubmitted(UUID.randomUUID(), "ann", 7, 2, T, 4.0, null, T, null),
                logged(SECOND, 3, "2024-06-01", null),
                new DiaryEntryEdited(
                        UUID.randomUUID(), "ann", 7, 4, T, FIRST, LocalDate.parse("2020-05-02"), true, 3.5, T),
                new DiaryEntryDeleted(UUID.randomUUID(), "ann", 7, 5, T, SECOND),
                new RatingErased(UUID.randomUUID(), "ann", 7, 6, T, 4.0, UUID.randomUUID()),
                logged(THIRD, 7, "2026-11-01", 5.0));
    }

    private static DiaryEntryLogged logged(UUID entry, int version, String on, Double stars) {
        return new DiaryEntryLogged(UUID.randomUUID(), "ann", 7, version, T, entry, LocalDate.parse(on), false, stars);
    }

    @Test
    void anErasureHidesOnlyItsOwnStreamsEntries() {
        UUID bens = UUID.fromString("00000000-0000-4000-8000-000000000004");
        UUID anns = UUID.fromString("00000000-0000-4000-8000-000000000005");
        DiaryFold fold = new DiaryFold();
        stream().forEach(fold::apply); // ann's stream of film 7, erased at version 6
        fold.apply(new DiaryEntryLogged(
                UUID.randomUUID(), "ben", 7, 1, T, bens, LocalDate.parse("2026-01-01"), false, null));
        fold.apply(new DiaryEntryLogged(
                UUID.randomUUID(), "ann", 8, 1, T, anns, LocalDate.parse("2026-01-02"), false, null));

        assertThat(fold.entry(bens)).as("another person's entry of the film").isNotNull();
        assertThat(fold.entry(anns)).as("her entry of another film").isNotNull();
        assertThat(fold.entries()).extracting(DiaryEntry::entryId).containsExactlyInAnyOrder(THIRD, bens, anns);
    }

    @Test
    void anyOrderLeavesTheEntriesTheLastEventsDescribeAndAnErasureHidesWhatCameBefore() {
        DiaryFold inOrder = new DiaryFold();
        stream().forEach(inOrder::apply);
        assertThat(inOrder.entry(FIRST)).as("erased").isNull();
        assertThat(inOrder.entry(SECOND)).as("deleted, then erased").isNull();
        assertThat(inOrder.entry(THIRD)).isNotNull();
        assertThat(inOrder.entries()).extracting(DiaryEntry::entryId).containsExactly(THIRD);

        Random random = new Random(20);
        for (int run = 0; run < 200; run++) {
            List<RatingEvent> shuffled = new ArrayList<>(stream());
            shuffled.addAll(stream().subList(0, random.nextInt(stream().size())));
            Collections.shuffle(shuffled, random);
            DiaryFold fold = new DiaryFold();
            shuffled.forEach(fold::apply);
            assertThat(fold.entries()).containsExactlyInAnyOrderElementsOf(inOrder.entries());
        }
    }

    @Test
    void beforeTheErasureAnEditAppliedBeforeItsEntryGivesTheEntrysLastState() {
        List<RatingEvent> events = stream().subList(0, 5);
        DiaryFold reversed = new DiaryFold();
        events.stream()
                .sorted(Comparator.comparingInt(RatingEvent::streamVersion).reversed())
                .forEach(reversed::apply);
        DiaryEntry first = reversed.entry(FIRST);
        assertThat(first).isNotNull();
        assertThat(first.watchedOn()).isEqualTo(LocalDate.parse("2020-05-02"));
        assertThat(first.stars()).isEqualTo(3.5);
        assertThat(first.loggedAt()).isEqualTo(T);
        assertThat(reversed.entry(SECOND)).isNotNull().matches(DiaryEntry::deleted);
        assertThat(DiaryDecisions.liveEntries(events))
                .extracting(DiaryEntry::entryId)
                .containsExactly(FIRST);
    }

    @Test
    void theRatingSideOfAStreamIgnoresItsDiaryEvents() {
        RatingStream rating = RatingStream.of("ann", 7, stream().subList(0, 5));
        assertThat(rating.version()).isEqualTo(5);
        assertThat(rating.current()).isNotNull();
        assertThat(rating.current().value()).isEqualTo(4.0);

        ProjectionFold fold = new ProjectionFold();
        stream().forEach(fold::apply);
        assertThat(fold.events()).as("only the rating and the erasure").isEqualTo(2);
        assertThat(fold.stream("ann", 7).version()).isEqualTo(6);
        assertThat(fold.stream("ann", 7).stars()).isNull();
    }
}
