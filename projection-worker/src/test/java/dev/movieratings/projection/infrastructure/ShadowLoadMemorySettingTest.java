package dev.movieratings.projection.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShadowLoadMemorySettingTest {

    @Test
    void defaultsTo512MegabytesAndTakesAPlainSize() {
        assertThat(ShadowLoad.memorySetting(null)).isEqualTo("512MB");
        assertThat(ShadowLoad.memorySetting(" ")).isEqualTo("512MB");
        assertThat(ShadowLoad.memorySetting("128MB")).isEqualTo("128MB");
        assertThat(ShadowLoad.memorySetting(" 2GB ")).isEqualTo("2GB");
    }

    @Test
    void refusesAnythingElseNamingTheValue() {
        for (String bad : new String[] {"512", "0MB", "lots", "1TB", "64MB'; drop table projection.user_ratings; --"}) {
            assertThatThrownBy(() -> ShadowLoad.memorySetting(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PROJECTION_REBUILD_MEMORY")
                    .hasMessageContaining(bad);
        }
    }
}
