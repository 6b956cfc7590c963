package dev.movieratings.rating.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.rating.InvalidRating;
import org.junit.jupiter.api.Test;

class DiaryNoteTest {

    @Test
    void absentOrBlankTextIsNoNote() {
        assertThat(DiaryNote.of(null)).isNull();
        assertThat(DiaryNote.of(" \n\t ")).isNull();
    }

    @Test
    void aNoteIsTrimmedNormalisedAndKeepsItsLines() {
        assertThat(DiaryNote.of("  Saw it with Cafe\u0301 friends.\nAgain.  "))
                .isEqualTo("Saw it with Café friends.\nAgain.");
    }

    @Test
    void twoThousandCharactersFitAndOneMoreDoesNot() {
        String emoji = "🎬"; // one character, two UTF-16 units: the limit counts characters
        assertThat(DiaryNote.of(emoji.repeat(DiaryNote.MAX_LENGTH))).hasSize(2 * DiaryNote.MAX_LENGTH);
        assertThatThrownBy(() -> DiaryNote.of("a".repeat(DiaryNote.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidRating.class)
                .hasMessage("note is 2001 characters; the limit is 2000");
    }

    @Test
    void textThatCanDeceiveIsRefusedByNumber() {
        assertThatThrownBy(() -> DiaryNote.of("fine \u202E here"))
                .isInstanceOf(InvalidRating.class)
                .satisfies(e -> assertThat(((InvalidRating) e).field()).isEqualTo("note"))
                .hasMessageContaining("U+202E");
    }
}
