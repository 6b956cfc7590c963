package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScoreHistoryTest {

    private static final Instant DEC_1 = Instant.parse("2005-12-01T10:00:00Z");
    private static final long DAY = 86_400;

    @Test
    void eachDayWithAnEventHoldsTheRatingsCurrentAtItsEndInEventTimeWhateverOrderTheyCameIn() {
        ScoreHistory history = new ScoreHistory();
        List<RatingEvent> events = List.of(
                // delivered out of order: ann's change (day 3) before her first rating (day 1)
                submitted("ann", 7, 2, DEC_1.plusSeconds(2 * DAY), 2.0),
                submitted("ann", 7, 1, DEC_1, 4.0),
                submitted("bob", 7, 1, DEC_1.plusSeconds(3600), 5.0),
                new RatingRetracted(UUID.randomUUID(), "bob", 7, 2, DEC_1.plusSeconds(2 * DAY + 60), 5.0),
                // two events on one day: only the state at the day's end is a point
                submitted("cyd", 7, 1, DEC_1.plusSeconds(40 * DAY), 3.0),
                submitted("cyd", 7, 2, DEC_1.plusSeconds(40 * DAY + 7), 3.5),
                submitted("dee", 8, 1, DEC_1.plusSeconds(DAY), 1.0));
        events.forEach(history::add);

        assertThat(history.ofMovie(7))
                .extracting(ScoreHistory.Point::describe)
                .containsExactly(
                        "2005-12-01: count 2, halves 18, histogram [0, 0, 0, 0, 0, 0, 0, 1, 0, 1]",
                        "2005-12-03: count 1, halves 4, histogram [0, 0, 0, 1, 0, 0, 0, 0, 0, 0]",
                        "2006-01-10: count 2, halves 11, histogram [0, 0, 0, 1, 0, 0, 1, 0, 0, 0]");
        assertThat(history.ofAllMovies())
                .extracting(ScoreHistory.Point::describe)
                .containsExactly(
                        "2005-12-01: count 2, halves 18, histogram [0, 0, 0, 0, 0, 0, 0, 1, 0, 1]",
                        "2005-12-02: count 3, halves 20, histogram [0, 1, 0, 0, 0, 0, 0, 1, 0, 1]",
                        "2005-12-03: count 2, halves 6, histogram [0, 1, 0, 1, 0, 0, 0, 0, 0, 0]",
                        "2006-01-10: count 3, halves 13, histogram [0, 1, 0, 1, 0, 0, 1, 0, 0, 0]");
    }

    private static RatingSubmitted submitted(String user, long movie, int version, Instant at, double stars) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, version, at, stars, null, at, null);
    }
}
