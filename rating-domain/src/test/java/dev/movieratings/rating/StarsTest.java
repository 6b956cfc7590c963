package dev.movieratings.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StarsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.5", "1", "1.0", "2.5", "4.50", "5", "5.000"})
    void everyHalfStarFromHalfToFiveIsAccepted(String value) {
        Stars stars = Stars.of(new BigDecimal(value));
        assertThat(stars.decimal()).isEqualByComparingTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0.5", "5.5", "3.3", "4.55", "0.25", "1e3", "-1e-9", "4.5000001"})
    void anythingElseIsRefusedNamingTheField(String value) {
        assertThatThrownBy(() -> Stars.of(new BigDecimal(value)))
                .isInstanceOf(InvalidRating.class)
                .satisfies(e -> assertThat(((InvalidRating) e).field()).isEqualTo("stars"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999999999", "-1e999999999", "0.5e-999999999", "5e-2147483647", "99999999999999999999"})
    void hugeMagnitudesAreRefusedFromTheirExponentAndNeverQuoted(String value) {
        assertThatThrownBy(() -> Stars.of(new BigDecimal(value)))
                .isInstanceOf(InvalidRating.class)
                .hasMessage("stars must be a half star from 0.5 to 5.0");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteNumbersAreRefused(double value) {
        assertThatThrownBy(() -> Stars.of(value)).isInstanceOf(InvalidRating.class);
    }

    @ParameterizedTest
    @CsvSource({"0.5,0", "1.0,1", "3.0,5", "4.5,8", "5.0,9"})
    void bucketsRunFromZeroForHalfAStarToNineForFive(String value, int bucket) {
        assertThat(Stars.of(new BigDecimal(value)).bucket()).isEqualTo(bucket);
    }

    @org.junit.jupiter.api.Test
    void aHalfStarMayBeWrittenWithSixtyFourDigitsAfterThePointButNotSixtyFive() {
        assertThat(Stars.of(new BigDecimal("4.5" + "0".repeat(Stars.MAX_SCALE - 1)))
                        .halves())
                .isEqualTo(9);
        assertThatThrownBy(() -> Stars.of(new BigDecimal("4.5" + "0".repeat(Stars.MAX_SCALE))))
                .isInstanceOf(InvalidRating.class);
    }

    @org.junit.jupiter.api.Test
    void zeroIsRefusedNamingTheAllowedRange() {
        // the value is not quoted back: a number of any length must not end up in the error body
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stars.of(java.math.BigDecimal.ZERO))
                .isInstanceOf(InvalidRating.class)
                .hasMessage("stars must be a half star from 0.5 to 5.0")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((InvalidRating) e).field())
                        .isEqualTo("stars"));
    }
}
