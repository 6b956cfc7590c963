package dev.movieratings.rating.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Alice",
                "Zoë Q.",
                "o'Brien-2",
                "ana_maria",
                "Ángel",
                "Дмитрий",
                "山田 Taro",
                "김민준",
                "Ada", // the shortest and the longest allowed
                "abcdefghijklmnopqrstuvwxyz012345"
            })
    void namesPeopleWritePass(String name) {
        assertThat(DisplayName.of(name).value()).isEqualTo(name);
    }

    @Test
    void aNameIsTrimmedAndComposed() {
        assertThat(DisplayName.of("  Zoe\u0308 ").value()).isEqualTo("Zoë");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Al|3 to 32 characters",
                "abcdefghijklmnopqrstuvwxyz0123456|3 to 32 characters",
                "Ali\u202Ece|may not contain U+202E (RIGHT-TO-LEFT OVERRIDE), a bidirectional control",
                "Ali\u200Bce|may not contain U+200B",
                "Ali\u0000ce|U+0000",
                "Alice\uDB40\uDC41|U+E0041",
                "Ali  ce|single spaces",
                "Alice!|U+0021 is none of them",
                "<b>Al</b>|U+003C is none of them",
                "\u0301Alice|may only follow a letter",
                "pаypal|mixes",
                "Anonymous|what reviews without a display name show",
                "аnоnymоus|mixes",
                "ANONYMOUS|what reviews without a display name show"
            })
    void namesThatCanDeceiveAreRefusedSayingWhy(String name, String reason) {
        assertThatThrownBy(() -> DisplayName.of(name))
                .isInstanceOf(InvalidDisplayName.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"ace,асе", "Jim,Jirn", "Al1ce,Allce", "AIice,Alice", "Zoë,Zoe\u0308", "BOB,B0B"})
    void namesThatLookAlikeShareTheSkeleton(String one, String other) {
        assertThat(DisplayName.of(one).skeleton())
                .isEqualTo(DisplayName.of(other).skeleton());
    }

    @ParameterizedTest
    @CsvSource({"Alice,ALICE", "paypal,PAYPAL", "Bob,B0b", "асе,ACE"})
    void namesThatDifferOnlyInCaseShareTheFoldedSkeleton(String one, String other) {
        assertThat(DisplayName.of(one).foldedSkeleton())
                .isEqualTo(DisplayName.of(other).foldedSkeleton());
    }

    @ParameterizedTest
    @CsvSource({"Alice,Alina", "Bob,Rob", "Zoe,Zoë"})
    void namesThatDifferVisiblyDifferInBothKeys(String one, String other) {
        assertThat(DisplayName.of(one).skeleton())
                .isNotEqualTo(DisplayName.of(other).skeleton());
        assertThat(DisplayName.of(one).foldedSkeleton())
                .isNotEqualTo(DisplayName.of(other).foldedSkeleton());
    }
}
