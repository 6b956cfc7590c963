package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectionFoldTest {

    private static final Instant EARLY = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-20T10:00:00Z");

    private static RatingSubmitted rated(String user, long movie, int version, Instant at, double stars) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, version, at, stars, null, at, null);
    }

    @Test
    void theDiaryAndTheWatchlistAreNotRatingsAndMoveNothing() {
        ProjectionFold fold = new ProjectionFold();

        assertThat(fold.apply(new DiaryEntryLogged(
                        UUID.randomUUID(), "ann", 7, 1, EARLY, UUID.randomUUID(), LocalDate.EPOCH, false, 4.0)))
                .isFalse();
        assertThat(fold.apply(new MovieWatchlisted(UUID.randomUUID(), "ann", 7, 1, EARLY)))
                .isFalse();
        assertThat(fold.changedStreams()).isEmpty();
        assertThat(fold.scores()).isEmpty();
    }

    @Test
    void anOlderVersionArrivingLateIsStaleAndMovesNothing() {
        ProjectionFold fold = new ProjectionFold();

        assertThat(fold.apply(rated("ann", 7, 2, LATE, 3.0))).isTrue();
        assertThat(fold.apply(rated("ann", 7, 1, EARLY, 5.0))).isFalse();
        assertThat(fold.stream("ann", 7).stars().value()).isEqualTo(3.0);
    }

    @Test
    void aMoviesLastRatingIsItsLatestInEventTimeWhicheverArrivesFirst() {
        ProjectionFold fold = new ProjectionFold();

        fold.apply(rated("ann", 7, 1, LATE, 3.0));
        fold.apply(rated("bob", 7, 1, EARLY, 3.0));

        assertThat(fold.lastRatedAt(7)).isEqualTo(LATE);
    }

    @Test
    void onlyMoviesSomeoneStartedOrStoppedLikingHaveStaleSimilarMovies() {
        ProjectionFold fold = new ProjectionFold();

        fold.apply(rated("ann", 7, 1, EARLY, 3.0)); // not a like
        fold.apply(rated("ann", 8, 1, EARLY, 4.0)); // starts liking 8
        fold.apply(rated("bob", 9, 1, EARLY, 4.5));
        fold.apply(new RatingRetracted(UUID.randomUUID(), "bob", 9, 2, LATE, 4.5)); // liked 9, then not

        assertThat(fold.likesChanged()).containsExactlyInAnyOrder(8L, 9L);
    }
}
