package dev.movieratings.rating.diary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.rating.Stars;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiaryDecisionsTest {

    private static final Instant LOGGED = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final UUID ENTRY = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final LocalDate MAY = LocalDate.parse("2020-05-01");
    private static final LocalDate JUNE = LocalDate.parse("2020-06-01");

    /** A rating at version 3 between two diary events: the next version counts every event of the stream. */
    private static List<RatingEvent> stream() {
        return List.of(
                new DiaryEntryLogged(UUID.randomUUID(), "ann", 7, 1, LOGGED, ENTRY, MAY, false, 4.0),
                new DiaryEntryLogged(UUID.randomUUID(), "ann", 7, 2, LOGGED, OTHER, MAY, false, null),
                new RatingSubmitted(UUID.randomUUID(), "ann", 7, 3, LOGGED, 4.0, null, LOGGED, null));
    }

    @Test
    void theFirstViewingOfAFilmIsTheStreamsFirstEvent() {
        DiaryEntryLogged logged =
                DiaryDecisions.log("ann", 7, List.of(), ENTRY, MAY, true, Stars.of(4.5), UUID.randomUUID(), NOW);

        assertThat(logged.streamVersion()).isEqualTo(1);
        assertThat(logged.stars()).isEqualTo(4.5);
        assertThat(logged.rewatch()).isTrue();
        assertThat(logged.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void aViewingWithoutStarsCarriesNone() {
        assertThat(DiaryDecisions.log("ann", 7, stream(), ENTRY, MAY, false, null, UUID.randomUUID(), NOW))
                .satisfies(logged -> assertThat(logged.streamVersion()).isEqualTo(4))
                .satisfies(logged -> assertThat(logged.stars()).isNull());
    }

    @Test
    void anEditIsTheNextVersionAndKeepsWhenTheEntryWasFirstLogged() {
        DiaryEntry entry = DiaryDecisions.liveEntry(stream(), ENTRY).orElseThrow();

        DiaryEntryEdited edited = DiaryDecisions.edit(stream(), entry, JUNE, true, null, UUID.randomUUID(), NOW);

        assertThat(edited.streamVersion()).isEqualTo(4);
        assertThat(edited.entryId()).isEqualTo(ENTRY);
        assertThat(edited.watchedOn()).isEqualTo(JUNE);
        assertThat(edited.stars()).isNull();
        assertThat(edited.loggedAt()).isEqualTo(LOGGED);
        assertThat(DiaryDecisions.edit(stream(), entry, JUNE, false, Stars.of(2.0), UUID.randomUUID(), NOW)
                        .stars())
                .isEqualTo(2.0);
    }

    @Test
    void aDeletedEntryIsNoLongerLiveButTheOtherIs() {
        DiaryEntryDeleted deleted = DiaryDecisions.delete(
                stream(), DiaryDecisions.liveEntry(stream(), OTHER).orElseThrow(), UUID.randomUUID(), NOW);
        List<RatingEvent> after = new java.util.ArrayList<>(stream());
        after.add(deleted);

        assertThat(deleted.streamVersion()).isEqualTo(4);
        assertThat(DiaryDecisions.liveEntry(after, OTHER)).isEmpty();
        assertThat(DiaryDecisions.liveEntry(after, ENTRY)).hasValueSatisfying(entry -> {
            assertThat(entry.watchedOn()).isEqualTo(MAY);
            assertThat(entry.stars()).isEqualTo(4.0);
        });
        assertThat(DiaryDecisions.liveEntries(after))
                .extracting(DiaryEntry::entryId)
                .containsExactly(ENTRY);
    }

    @Test
    void anEntryTheStreamNeverHeldIsNotLive() {
        assertThat(DiaryDecisions.liveEntry(stream(), UUID.randomUUID())).isEmpty();
        assertThat(DiaryDecisions.liveEntry(List.of(), ENTRY)).isEmpty();
    }
}
