package dev.movieratings.projection.maintenance.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rebuild's memory setting (PROJECTION_REBUILD_MEMORY), checked when the rebuild is configured. */
class ShadowLoadMemorySettingTest {

    private static String memorySetting(String configured) {
        return RebuildSettings.of(configured, null).memory();
    }

    @Test
    void defaultsTo512MegabytesAndTakesAPlainSize() {
        assertThat(memorySetting(null)).isEqualTo("512MB");
        assertThat(memorySetting(" ")).isEqualTo("512MB");
        assertThat(memorySetting("128MB")).isEqualTo("128MB");
        assertThat(memorySetting(" 2GB ")).isEqualTo("2GB");
    }

    @Test
    void refusesAnythingElseNamingTheValue() {
        for (String bad : new String[] {"512", "0MB", "lots", "1TB", "64MB'; drop table projection.user_ratings; --"}) {
            assertThatThrownBy(() -> memorySetting(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PROJECTION_REBUILD_MEMORY")
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void refusesANegativeNumberOfWorkers() {
        assertThatThrownBy(() -> RebuildSettings.of(null, -1)).hasMessageContaining("-1");
        assertThat(RebuildSettings.of(null, null).workers()).isZero();
        assertThat(RebuildSettings.of(null, 3).workers()).isEqualTo(3);
    }
}
