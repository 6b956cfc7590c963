package dev.movieratings.rating;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule itself, without a review's normalisation in front of it (NFC would fold a base and its first mark). */
class SafeTextTest {

    @Test
    void eightCombiningMarksInARowPassAndTheNinthIsRefused() {
        String eight = "x" + "\u0301".repeat(SafeText.MAX_COMBINING_RUN);

        assertThat(SafeText.firstRefused(eight, false)).isEmpty();
        assertThat(SafeText.firstRefused(eight + "\u0301", false))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).startsWith("a combining mark after 8"));
    }

    @Test
    void aRunOfMarksStartsAgainAfterABaseCharacter() {
        String marks = "\u0301".repeat(SafeText.MAX_COMBINING_RUN);

        assertThat(SafeText.firstRefused("x" + marks + "y" + marks, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0xE0001, 0xE0020, 0xE007F})
    void theTagCharactersAreNamedAsSuch(int codePoint) {
        assertThat(SafeText.firstRefused("a" + Character.toString(codePoint), false))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).startsWith("a tag character"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200B, 0xFEFF, 0xE0080})
    void otherInvisibleFormattingIsNotCalledATag(int codePoint) {
        // U+E0080 is just past the tags: unassigned or a variation selector's neighbour, never "a tag character"
        assertThat(SafeText.firstRefused("a" + Character.toString(codePoint), false))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).doesNotStartWith("a tag character"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x2028, 0x2029})
    void lineAndParagraphSeparatorsAreRefusedEvenWhereLinesAreAllowed(int codePoint) {
        assertThat(SafeText.firstRefused("a" + Character.toString(codePoint) + "b", true))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).contains("separator"));
    }

    @Test
    void lineBreaksAndTabsPassOnlyWhereLinesAreAllowed() {
        assertThat(SafeText.firstRefused("a\nb\tc\r\n", true)).isEmpty();
        assertThat(SafeText.firstRefused("a\nb", false))
                .hasValueSatisfying(refusal -> assertThat(refusal.reason()).isEqualTo("a control character"));
    }

    @Test
    void aRefusalDescribesTheCodePointByNumberAndNameWhenItHasOne() {
        assertThat(new SafeText.Refusal(0x202E, "why").describe()).isEqualTo("U+202E (RIGHT-TO-LEFT OVERRIDE), why");
        assertThat(new SafeText.Refusal(0x0378, "why").describe()).isEqualTo("U+0378, why");
        assertThat(new SafeText.Refusal(0x110000, "why").describe()).isEqualTo("U+110000, why");
    }
}
