package dev.movieratings.rating.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchlistFoldTest {

    private static final Instant T = Instant.parse("2026-12-02T05:00:00Z");

    record Stored(long position, RatingEvent event) {}

    @Test
    void aRatingAfterTheListingTakesTheFilmOffAndOneBeforeDoesNot() {
        WatchlistFold fold = fold(List.of(
                new Stored(1, submitted("u", 1)),
                new Stored(2, listed("u", 1, 1)),
                new Stored(3, listed("u", 2, 1)),
                new Stored(4, submitted("u", 2)),
                new Stored(5, new RatingRetracted(UUID.randomUUID(), "u", 2, 2, T, 4.0))));

        assertThat(fold.entry("u", 1).onList()).as("rated before it was listed").isTrue();
        assertThat(fold.entry("u", 2).onList())
                .as("rated after; the retraction does not bring it back")
                .isFalse();
        assertThat(fold.entry("u", 2).ratedPosition()).isEqualTo(4L);
        assertThat(fold.entry("u", 1).ratedPosition())
                .as("a rating before the listing is not kept")
                .isNull();
    }

    @Test
    void anyOrderAndAnyDuplicatesEndInTheSameEntries() {
        List<Stored> history = List.of(
                new Stored(1, listed("u", 1, 1)),
                new Stored(2, submitted("u", 1)),
                new Stored(3, listed("u", 1, 2)),
                new Stored(4, new MovieUnwatchlisted(UUID.randomUUID(), "u", 1, 3, T, null)),
                new Stored(5, listed("v", 1, 1)),
                new Stored(6, submitted("v", 2)));
        String inOrder = fold(history).entries().toString();
        Random random = new Random(20);
        for (int i = 0; i < 50; i++) {
            List<Stored> delivered = new ArrayList<>(history);
            delivered.add(history.get(random.nextInt(history.size())));
            Collections.shuffle(delivered, random);
            assertThat(sorted(fold(delivered))).isEqualTo(sorted(fold(history)));
        }
        assertThat(inOrder).contains("listed=false");
    }

    private static List<String> sorted(WatchlistFold fold) {
        return fold.entries().stream().map(Object::toString).sorted().toList();
    }

    private static WatchlistFold fold(List<Stored> events) {
        WatchlistFold fold = new WatchlistFold();
        events.forEach(stored -> fold.apply(stored.position(), stored.event()));
        return fold;
    }

    private static MovieWatchlisted listed(String user, long movie, int version) {
        return new MovieWatchlisted(UUID.randomUUID(), user, movie, version, T.plusSeconds(version));
    }

    private static RatingSubmitted submitted(String user, long movie) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, T, 4.0, null, T, null);
    }
}
