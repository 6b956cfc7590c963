package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.projection.ScoreHistory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The score history's part of verify: the stored end-of-day rows of every movie and of the totals against
 * {@link ScoreHistory}, which replays the same events by the history's definition, and the timeline's size
 * against the number of events folded.
 */
final class HistoryVerification {

    private HistoryVerification() {}

    static void compare(
            JdbcTemplate jdbc, ScoreHistory history, long events, List<VerificationReport.Difference> differences) {
        long timeline = Objects.requireNonNull(
                jdbc.queryForObject("select count(*) from projection.score_timeline", Long.class));
        if (timeline != events) {
            differences.add(new VerificationReport.Difference(
                    "score_timeline", "all", events + " events", timeline + " events"));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (long movie : history.movies()) {
            history.ofMovie(movie)
                    .forEach(point -> expected.put("movie " + movie + " " + point.day(), describe(point)));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        jdbc.query("select * from projection.movie_score_history", rs -> {
            actual.put(
                    "movie " + rs.getLong("movie_id") + " " + rs.getDate("day").toLocalDate(),
                    describe(rs.getLong("rating_count"), rs.getBigDecimal("stars_sum"), (Long[])
                            rs.getArray("histogram").getArray()));
        });
        compare("movie_score_history", expected, actual, differences);
        Map<String, String> expectedTotals = new LinkedHashMap<>();
        history.ofAllMovies()
                .forEach(point -> expectedTotals.put(
                        point.day().toString(), point.ratingCount() + " ratings, sum " + sum(point.halvesSum())));
        Map<String, String> actualTotals = new LinkedHashMap<>();
        jdbc.query("select * from projection.rating_totals_history", rs -> {
            actualTotals.put(
                    rs.getDate("day").toLocalDate().toString(),
                    rs.getLong("rating_count") + " ratings, sum "
                            + rs.getBigDecimal("stars_sum").stripTrailingZeros().toPlainString());
        });
        compare("rating_totals_history", expectedTotals, actualTotals, differences);
    }

    private static void compare(
            String table,
            Map<String, String> expected,
            Map<String, String> actual,
            List<VerificationReport.Difference> differences) {
        expected.forEach((key, value) -> {
            String found = actual.get(key);
            if (!value.equals(found)) {
                differences.add(new VerificationReport.Difference(table, key, value, found == null ? "no row" : found));
            }
        });
        actual.forEach((key, value) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference(table, key, "no row", value));
            }
        });
    }

    private static String describe(ScoreHistory.Point point) {
        return "count " + point.ratingCount() + ", sum " + sum(point.halvesSum()) + ", histogram "
                + Arrays.toString(point.histogram());
    }

    private static String describe(long count, BigDecimal sum, Long[] histogram) {
        return "count " + count + ", sum " + sum.stripTrailingZeros().toPlainString() + ", histogram "
                + Arrays.toString(
                        Arrays.stream(histogram).mapToLong(Long::longValue).toArray());
    }

    private static String sum(long halves) {
        return BigDecimal.valueOf(halves * 5L, 1).stripTrailingZeros().toPlainString();
    }
}
