package dev.movieratings.rating.tag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TagFoldTest {

    private static final Instant T = Instant.parse("2026-12-02T06:00:00Z");
    private static final UUID FUNNY = UUID.randomUUID();
    private static final UUID DARK = UUID.randomUUID();

    private static final List<RatingEvent> HISTORY = List.of(
            new MovieTagged(UUID.randomUUID(), "u", 1, 1, T, FUNNY),
            new MovieTagged(UUID.randomUUID(), "u", 1, 2, T, DARK),
            new MovieUntagged(UUID.randomUUID(), "u", 1, 3, T, FUNNY, null),
            new MovieTagged(UUID.randomUUID(), "v", 1, 1, T, UUID.randomUUID()),
            new MovieUntagged(UUID.randomUUID(), "v", 1, 2, T, null, UUID.randomUUID()),
            new MovieWatchlisted(UUID.randomUUID(), "u", 1, 1, T));

    @Test
    void anUntaggedTagAndAnErasedStreamsTagsAreOff() {
        TagFold fold = fold(HISTORY);
        assertThat(fold.tags())
                .filteredOn(TagFold.TagRow::tagged)
                .extracting(TagFold.TagRow::tagId)
                .containsExactly(DARK);
        assertThat(fold.tags()).hasSize(3);
        assertThat(fold.streams())
                .containsExactly(new TagFold.StreamRow("u", 1, 3, 0), new TagFold.StreamRow("v", 1, 2, 2));
    }

    @Test
    void anyOrderWithDuplicatesFoldsToTheSameRows() {
        TagFold inOrder = fold(HISTORY);
        Random random = new Random(19);
        for (int run = 0; run < 50; run++) {
            List<RatingEvent> shuffled = new ArrayList<>(HISTORY);
            shuffled.addAll(HISTORY.subList(0, random.nextInt(HISTORY.size())));
            Collections.shuffle(shuffled, random);
            TagFold fold = fold(shuffled);
            assertThat(fold.tags())
                    .isEqualTo(inOrder.tags())
                    .isSortedAccordingTo(Comparator.comparing(TagFold.TagRow::userId)
                            .thenComparingLong(TagFold.TagRow::movieId)
                            .thenComparing(TagFold.TagRow::tagId));
            assertThat(fold.streams()).isEqualTo(inOrder.streams());
        }
    }

    private static TagFold fold(List<RatingEvent> events) {
        TagFold fold = new TagFold();
        events.forEach(fold::apply);
        return fold;
    }
}
