package dev.movieratings.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.Review;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewTextUnitTest {

    @Test
    void textIsTrimmedAndKeepsItsSpoilerFlag() {
        assertThat(ReviewText.of("  Loved it.\n\tTruly.  ", true)).isEqualTo(new Review("Loved it.\n\tTruly.", true));
    }

    @Test
    void blankTextMeansNoReview() {
        assertThat(ReviewText.of(" \n\t ", false)).isNull();
        assertThat(ReviewText.of(null, false)).isNull();
    }

    @Test
    void fiveThousandCharactersFitAndOneMoreDoesNot() {
        String emoji = "🎬"; // two UTF-16 units, one character: the limit counts characters
        assertThat(ReviewText.of(emoji.repeat(5_000), false).text()).hasSize(10_000);
        assertThatThrownBy(() -> ReviewText.of("a".repeat(5_001), false))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining("5001")
                .hasMessageContaining("5000");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nul\u0000here",
                "bell\u0007",
                "escape\u001b[31m",
                "del\u007f",
                "bidi\u202Eevil",
                "lone\uD800surrogate"
            })
    void controlCharactersAreRefused(String text) {
        assertThatThrownBy(() -> ReviewText.of(text, false))
                .isInstanceOf(InvalidRating.class)
                .satisfies(e -> assertThat(((InvalidRating) e).field()).isEqualTo("review.text"));
    }

    /** The edges of the two refused ranges of bidirectional controls are refused; their neighbours are text. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x202A, 0x202E, 0x2066, 0x2069})
    void bidirectionalControlsAtTheEdgesOfTheirRangesAreRefused(int codePoint) {
        assertThatThrownBy(() -> ReviewText.of("a" + Character.toString(codePoint) + "b", false))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining(String.format("U+%04X", codePoint));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x2029, 0x202F, 0x2065, 0x206A})
    void theirNeighboursAreKept(int codePoint) {
        String text = "a" + Character.toString(codePoint) + "b";
        assertThat(ReviewText.of(text, false).text()).isEqualTo(text);
    }
}
