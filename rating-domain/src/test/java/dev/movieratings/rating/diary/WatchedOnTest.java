package dev.movieratings.rating.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.rating.InvalidRating;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WatchedOnTest {

    /** 11:30 UTC on 2026-12-02: already 2026-12-03 in UTC+14 (01:30), not yet anywhere later. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T11:30:00Z"), ZoneOffset.UTC);

    @Test
    void todayIsTheDateInTheEarliestTimeZone() {
        assertThat(WatchedOn.parse("2026-12-03", NOW)).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(WatchedOn.parse("1870-01-01", NOW)).isEqualTo(WatchedOn.EARLIEST);
        assertThatThrownBy(() -> WatchedOn.parse("2026-12-04", NOW))
                .isInstanceOf(InvalidRating.class)
                .hasMessageContaining("future")
                .hasMessageContaining("2026-12-03");
        Clock justBefore = Clock.fixed(Instant.parse("2026-12-02T09:59:59Z"), ZoneOffset.UTC);
        assertThatThrownBy(() -> WatchedOn.parse("2026-12-03", justBefore)).isInstanceOf(InvalidRating.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1869-12-31",
                "0000-00-00",
                "+999999999-12-31",
                "2026-02-30",
                "2026-13-01",
                "2026-1-01",
                "20261201",
                "2026-12-01T00:00",
                "２０２６-12-01",
                "-0001-01-01",
                ""
            })
    void refusesWhatIsNotADayInRange(String text) {
        assertThatThrownBy(() -> WatchedOn.parse(text, NOW))
                .isInstanceOf(InvalidRating.class)
                .extracting(e -> ((InvalidRating) e).field())
                .isEqualTo("watchedOn");
    }
}
