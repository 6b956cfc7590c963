package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalSettingsTest {

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        LocalSettings settings = LocalSettings.from(name -> null);

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.seedMovieLens()).isTrue();
        assertThat(settings.queueVisibilitySeconds()).isEqualTo(30);
        assertThat(settings.projectorPollers()).isEqualTo(LocalSettings.DEFAULT_PROJECTOR_POLLERS);
        assertThat(settings.anonymousReads())
                .isEqualTo(new dev.movieratings.local.front.ClientRateLimit.Limit(100, 50));
    }

    @Test
    void givenSettingsAreTaken() {
        Map<String, String> given = Map.of(
                "PORT",
                "0",
                "SEED_MOVIELENS",
                "false",
                "PROJECTOR_POLLERS",
                " 4 ",
                "ANONYMOUS_READS_PER_SECOND",
                "2.5");

        LocalSettings settings = LocalSettings.from(given::get);

        assertThat(settings.port()).isZero();
        assertThat(settings.seedMovieLens()).isFalse();
        assertThat(settings.projectorPollers()).isEqualTo(4);
        assertThat(settings.anonymousReads().perSecond()).isEqualTo(2.5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PORT | abc | PORT must be a whole number from 0 to 65535, not 'abc'",
                "PORT | 65536 | PORT must be a whole number from 0 to 65535, not '65536'",
                "PORT | 99999999999999999999 | PORT must be a whole number from 0 to 65535, not '99999999999999999999'",
                "PORT | -1 | PORT must be a whole number from 0 to 65535, not '-1'",
                "PROJECTOR_POLLERS | 0 | PROJECTOR_POLLERS must be a whole number from 1 to 64, not '0'",
                "QUEUE_VISIBILITY_SECONDS | 1e3 | QUEUE_VISIBILITY_SECONDS must be a whole number from 1 to 43200,"
                        + " not '1e3'",
                "ANONYMOUS_READS_PER_SECOND | NaN | ANONYMOUS_READS_PER_SECOND must be a number above 0"
                        + " and at most 1000000, not 'NaN'",
                "ANONYMOUS_READS_PER_SECOND | 0 | ANONYMOUS_READS_PER_SECOND must be a number above 0"
                        + " and at most 1000000, not '0'",
            })
    void aBadValueStopsTheStartNamingTheSettingAndTheValue(String name, String value, String message) {
        assertThatThrownBy(() -> LocalSettings.from(Map.of(name, value)::get)).hasMessage(message);
    }
}
