package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MovieScoreTest {

    private static final long[] HISTOGRAM = {0, 0, 0, 1, 0, 0, 0, 1, 0, 0};

    @Test
    void scoresAreEqualOnlyWhenEveryFieldIs() {
        MovieScore score = new MovieScore(7, 2, 12, HISTOGRAM, 1);
        assertThat(score).isEqualTo(new MovieScore(7, 2, 12, HISTOGRAM, 1));
        assertThat(score.hashCode()).isEqualTo(new MovieScore(7, 2, 12, HISTOGRAM, 1).hashCode());
        assertThat(score)
                .isNotEqualTo(new MovieScore(8, 2, 12, HISTOGRAM, 1))
                .isNotEqualTo(new MovieScore(7, 3, 12, HISTOGRAM, 1))
                .isNotEqualTo(new MovieScore(7, 2, 13, HISTOGRAM, 1))
                .isNotEqualTo(new MovieScore(7, 2, 12, new long[10], 1))
                .isNotEqualTo(new MovieScore(7, 2, 12, HISTOGRAM, 2))
                .isNotEqualTo("MovieScore[movie=7]");
        assertThat(score.toString())
                .isEqualTo(
                        "MovieScore[movie=7, count=2, sum=6.0, histogram=[0, 0, 0, 1, 0, 0, 0, 1, 0, 0], reviews=1]");
    }

    @Test
    void aDeltaSaysWhetherItChangesTheScoreAndItsSumInStars() {
        assertThat(new ScoreDelta(1, 0, 0, ScoreDelta.NO_BUCKET, ScoreDelta.NO_BUCKET, 0).changesScore())
                .isFalse();
        assertThat(new ScoreDelta(1, 0, 0, 3, 3, 0).changesScore())
                .as("same bucket out and in")
                .isFalse();
        assertThat(new ScoreDelta(1, 1, 0, ScoreDelta.NO_BUCKET, ScoreDelta.NO_BUCKET, 0).changesScore())
                .isTrue();
        assertThat(new ScoreDelta(1, 0, 1, ScoreDelta.NO_BUCKET, ScoreDelta.NO_BUCKET, 0).changesScore())
                .isTrue();
        assertThat(new ScoreDelta(1, 0, 0, 3, 4, 0).changesScore()).isTrue();
        assertThat(new ScoreDelta(1, 0, 0, ScoreDelta.NO_BUCKET, ScoreDelta.NO_BUCKET, 1).changesScore())
                .isTrue();
        assertThat(new ScoreDelta(1, 1, -3, 5, 2, 0).starsSum()).isEqualByComparingTo(new BigDecimal("-1.5"));
    }

    @Test
    void addingADeltaReturnsTheSameScore() {
        MovieScore score = new MovieScore(7);
        assertThat(score.add(new ScoreDelta(7, 1, 8, ScoreDelta.NO_BUCKET, 7, 0)))
                .isSameAs(score);
        assertThat(score.average()).isEqualByComparingTo("4.0");
        assertThat(new MovieScore(8).average()).isNull();
    }
}
