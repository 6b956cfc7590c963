package dev.movieratings.rating.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.rating.InvalidRating;
import org.junit.jupiter.api.Test;

class TagTextTest {

    @Test
    void aTagIsTrimmedAndNormalisedAndItsKeyIgnoresCase() {
        TagText tag = TagText.of("  Cafe\u0301 Society \t");
        assertThat(tag.text()).isEqualTo("Caf\u00e9 Society");
        assertThat(tag.key())
                .isEqualTo("caf\u00e9 society")
                .isEqualTo(TagText.of("CAFÉ SOCIETY").key());
    }

    @Test
    void blankTooLongAndDeceivingTagsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TagText.of(" \t ")).isInstanceOf(InvalidRating.class);
        assertThatThrownBy(() -> TagText.of(null)).isInstanceOf(InvalidRating.class);
        assertThat(TagText.of("x".repeat(TagText.MAX_LENGTH)).text()).hasSize(TagText.MAX_LENGTH);
        assertThatThrownBy(() -> TagText.of("x".repeat(TagText.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining("101 characters");
        assertThat(TagText.of("\uD83C\uDF7F".repeat(TagText.MAX_LENGTH)).text())
                .as("characters, not UTF-16 units")
                .isNotEmpty();
        for (String bad : new String[] {"dark\ncomedy", "a\tb", "evil\u202Egnp", "zero\u200Bwidth", "nul\u0000"}) {
            assertThatThrownBy(() -> TagText.of(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidRating.class, e -> assertThat(e.field()).isEqualTo("tag"));
        }
    }
}
