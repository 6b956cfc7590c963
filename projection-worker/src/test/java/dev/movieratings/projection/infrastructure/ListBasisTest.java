package dev.movieratings.projection.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** When the projector runs the re-score statement after a batch, and when it can skip it. */
class ListBasisTest {

    private static final BigDecimal BASIS_MEAN = new BigDecimal("3.5");

    @Test
    void aYoungBasisIsNeverReScoredHoweverFarCHasMoved() {
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 10, new BigDecimal("50.0"), 5))
                .isFalse();
    }

    @Test
    void anOldBasisIsReScoredOnceCHasDriftedAndNotBefore() {
        // C = 35.0001 / 10 = 3.50001: a drift of 0.00001, within every tolerance
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 10, new BigDecimal("35.0001"), 3600))
                .isFalse();
        // C = 35.001 / 10 = 3.5001: past the tolerance of 0.00005
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 10, new BigDecimal("35.001"), 3600))
                .isTrue();
        // at the interval (the statement compares with the database's clock: a second's margin)
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 10, new BigDecimal("35.001"), 29.5))
                .isTrue();
    }

    @Test
    void theEdgesAreExact() {
        // a basis exactly a second short of the interval is old enough (the database's clock: a second's margin)
        assertThat(ListBasis.mayNeedRescore(
                        50, 50, BASIS_MEAN, 10, new BigDecimal("35.001"), ListBasis.RESCORE_INTERVAL_SECONDS - 1))
                .isTrue();
        // a drift of exactly half the tolerance (0.000025) is still within it
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 10, new BigDecimal("35.00025"), 3600))
                .isFalse();
    }

    @Test
    void aChangedMinimumOfVotesIsReScoredAtOnce() {
        assertThat(ListBasis.mayNeedRescore(7, 50, BASIS_MEAN, 10, new BigDecimal("35.0"), 0))
                .isTrue();
    }

    @Test
    void noRatingsMeansAMeanOfZero() {
        assertThat(ListBasis.mayNeedRescore(50, 50, BigDecimal.ZERO, 0, BigDecimal.ZERO, 3600))
                .isFalse();
        assertThat(ListBasis.mayNeedRescore(50, 50, BASIS_MEAN, 0, BigDecimal.ZERO, 3600))
                .isTrue();
    }
}
