package dev.movieratings.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.events.Review;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewTextTest {

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

    @Test
    void textIsNormalisedToNfc() {
        assertThat(ReviewText.of("Cafe\u0301 Mise\u0301rables", false).text()).isEqualTo("Café Misérables");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "שלום, a review in Hebrew and English",
                "مراجعة عربية",
                "映画はとても良かった",
                "🎬🍿 five stars 👍🏽",
                "Ti\u1ebfng Vi\u1ec7t",
                "Lines\nand\ttabs"
            })
    void ordinaryTextInAnyScriptPasses(String text) {
        assertThat(ReviewText.of(text, false).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({
        "200E", "200F", "061C", "202A", "202B", "202C", "202D", "202E", "2066", "2067", "2068", "2069", "200B", "200C",
        "200D", "2060", "FEFF", "00AD", "E0001", "E0041", "E007F", "2028", "2029", "0000", "0007", "001B", "007F",
        "0085", "E000", "F8FF", "D800", "DFFF", "0378", "FFFE", "10FFFF"
    })
    void codePointsThatCanDeceiveAreRefusedByNumberWithoutBeingEchoed(String hex) {
        int codePoint = Integer.parseInt(hex, 16);
        String character = new String(Character.toChars(codePoint));
        assertThatThrownBy(() -> ReviewText.of("looks fine " + character + " here", false))
                .isInstanceOf(InvalidRating.class)
                .satisfies(e -> assertThat(((InvalidRating) e).field()).isEqualTo("review.text"))
                .hasMessageContaining("U+" + hex)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(character));
    }

    @Test
    void aPileOfCombiningMarksIsRefusedButAFewAreFine() {
        assertThat(ReviewText.of("a" + "\u0301\u0308".repeat(4), false)).isNotNull();
        assertThatThrownBy(() -> ReviewText.of("a" + "\u0301\u0308".repeat(5), false))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining("combining mark");
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

    /**
     * The edges of the two refused ranges of bidirectional controls are refused as such; their neighbours
     * are text, or refused for what they are themselves (a paragraph separator, unassigned, a format
     * character), never called bidirectional controls.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x202A, 0x202E, 0x2066, 0x2069})
    void bidirectionalControlsAtTheEdgesOfTheirRangesAreRefused(int codePoint) {
        assertThatThrownBy(() -> ReviewText.of("a" + Character.toString(codePoint) + "b", false))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining(String.format("U+%04X", codePoint));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x202A, 0x202E, 0x2066, 0x2069})
    void theEdgesAreRefusedAsBidirectionalControls(int codePoint) {
        assertThatThrownBy(() -> ReviewText.of("a" + Character.toString(codePoint) + "b", false))
                .hasMessageContaining("bidirectional control");
    }

    @org.junit.jupiter.api.Test
    void theNeighbourThatIsTextIsKept() {
        String text = "a\u202Fb"; // NARROW NO-BREAK SPACE, right after U+202E
        assertThat(ReviewText.of(text, false).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0x2029, 0x2065, 0x206A})
    void theOtherNeighboursAreRefusedForWhatTheyAre(int codePoint) {
        assertThatThrownBy(() -> ReviewText.of("a" + Character.toString(codePoint) + "b", false))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining(String.format("U+%04X", codePoint))
                .hasMessageNotContaining("bidirectional");
    }
}
