package dev.movieratings.rating.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchlistDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");
    private static final UUID ID = UUID.randomUUID();

    @Test
    void addingAFilmNotOnTheListAppendsTheStreamsNextVersion() {
        MovieWatchlisted added = WatchlistDecisions.add(new WatchlistStream("u", 7, 2, false, false), ID, NOW)
                .orElseThrow();

        assertThat(added.streamVersion()).isEqualTo(3);
        assertThat(added.occurredAt()).isEqualTo(NOW);
    }

    @Test
    void addingAFilmAlreadyOnTheListWritesNothing() {
        assertThat(WatchlistDecisions.add(new WatchlistStream("u", 7, 1, true, false), ID, NOW))
                .isEmpty();
    }

    @Test
    void aFilmRatedAfterListingIsOffTheListSoAddingItAgainWritesAndRemovingItDoesNot() {
        WatchlistStream rated = new WatchlistStream("u", 7, 1, true, true);

        assertThat(rated.onList()).isFalse();
        assertThat(WatchlistDecisions.add(rated, ID, NOW)).isPresent();
        assertThat(WatchlistDecisions.remove(rated, ID, NOW)).isEmpty();
    }

    @Test
    void removingTakesItOffByThePersonNotAnErasure() {
        MovieUnwatchlisted removed = WatchlistDecisions.remove(new WatchlistStream("u", 7, 1, true, false), ID, NOW)
                .orElseThrow();

        assertThat(removed.streamVersion()).isEqualTo(2);
        assertThat(removed.erasureId()).isNull();
        assertThat(WatchlistDecisions.remove(new WatchlistStream("u", 7, 0, false, false), ID, NOW))
                .isEmpty();
    }

    @Test
    void anErasureClosesEveryStreamWhoseLatestEventListedAFilmEvenWhenARatingTookItOff() {
        UUID erasure = UUID.randomUUID();

        MovieUnwatchlisted erased = WatchlistDecisions.erase(
                        new WatchlistStream("u", 7, 1, true, true), ID, erasure, NOW)
                .orElseThrow();

        assertThat(erased.erasureId()).isEqualTo(erasure);
        assertThat(erased.streamVersion()).isEqualTo(2);
        assertThat(WatchlistDecisions.erase(new WatchlistStream("u", 7, 2, false, false), ID, erasure, NOW))
                .isEmpty();
    }
}
