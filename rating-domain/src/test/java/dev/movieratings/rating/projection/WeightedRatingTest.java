package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedRatingTest {

    @Test
    void aSingleVoteIsPulledAlmostAllTheWayToTheGlobalMean() {
        WeightedRating wr = new WeightedRating(3.5, 50);
        assertThat(wr.of(1, 5.0)).isCloseTo(50.0 / 51 * 3.5 + 1.0 / 51 * 5.0, within(1e-12));
    }

    @Test
    void manyVotesKeepTheirOwnAverage() {
        assertThat(new WeightedRating(3.5, 50).of(100_000, 4.4)).isCloseTo(4.4, within(0.001));
    }

    @Test
    void withNoMinimumTheWeightedRatingIsTheAverage() {
        assertThat(new WeightedRating(3.0, 0).of(3, 4.5)).isEqualTo(4.5);
    }

    @Test
    void aMovieWithoutVotesHasNoWeightedRating() {
        assertThat(new WeightedRating(3.5, 50).of(0, 0)).isNull();
    }
}
