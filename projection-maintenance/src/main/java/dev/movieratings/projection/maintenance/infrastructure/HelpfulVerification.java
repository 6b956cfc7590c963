package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.helpful.HelpfulVoteRow;
import dev.movieratings.rating.helpful.HelpfulVotesFold;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares projection.helpful_votes with {@link HelpfulVotesFold} over the events verify folded (issue 20): every
 * (voter, review)'s state, the position of the end of its review, and whether it counts (the generated column, so
 * a wrong rule in the table's definition shows too), and the count stored per review (helpful_counts).
 */
final class HelpfulVerification {

    private HelpfulVerification() {}

    static void compare(JdbcTemplate jdbc, HelpfulVotesFold fold, List<VerificationReport.Difference> differences) {
        Map<String, String> expected = new HashMap<>();
        for (HelpfulVoteRow row : fold.rows()) {
            expected.put(key(row), describe(row, row.counted()));
        }
        Map<String, String> actual = new HashMap<>();
        jdbc.query("select * from projection.helpful_votes", rs -> {
            Object ended = rs.getObject("ended_position");
            HelpfulVoteRow found = new HelpfulVoteRow(
                    rs.getString("voter"),
                    rs.getLong("movie_id"),
                    rs.getObject("review_id", java.util.UUID.class),
                    rs.getString("review_author"),
                    rs.getInt("stream_version"),
                    rs.getBoolean("marked"),
                    rs.getLong("vote_position"),
                    rs.getTimestamp("voted_at").toInstant(),
                    ended == null ? null : ((Number) ended).longValue());
            actual.put(key(found), describe(found, rs.getBoolean("counted")));
        });
        new TreeMap<>(expected).forEach((key, wanted) -> {
            String found = actual.get(key);
            if (!wanted.equals(found)) {
                differences.add(new VerificationReport.Difference(
                        "helpful_votes", key, wanted, found == null ? "no row" : found));
            }
        });
        new TreeMap<>(actual).forEach((key, found) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference("helpful_votes", key, "no row", found));
            }
        });
        compareCounts(jdbc, fold, differences);
    }

    /**
     * The stored count per review (V121) against the fold's votes that count: a row (0 too) for every review the
     * fold has a vote row on, none for any other.
     */
    private static void compareCounts(
            JdbcTemplate jdbc, HelpfulVotesFold fold, List<VerificationReport.Difference> differences) {
        Map<java.util.UUID, Long> movies = new HashMap<>();
        Map<java.util.UUID, Long> counts = new HashMap<>();
        for (HelpfulVoteRow row : fold.rows()) {
            movies.put(row.reviewId(), row.movieId());
            counts.merge(row.reviewId(), row.counted() ? 1L : 0L, Long::sum);
        }
        Map<String, String> expected = new TreeMap<>();
        counts.forEach((review, count) ->
                expected.put("review " + review, describeCount(movies.getOrDefault(review, 0L), count)));
        Map<String, String> actual = new TreeMap<>();
        jdbc.query("select review_id, movie_id, helpful_count from projection.helpful_counts", rs -> {
            actual.put(
                    "review " + rs.getObject("review_id", java.util.UUID.class),
                    describeCount(rs.getLong("movie_id"), rs.getLong("helpful_count")));
        });
        expected.forEach((key, wanted) -> {
            String found = actual.get(key);
            if (!wanted.equals(found)) {
                differences.add(new VerificationReport.Difference(
                        "helpful_counts", key, wanted, found == null ? "no row" : found));
            }
        });
        actual.forEach((key, found) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference("helpful_counts", key, "no row", found));
            }
        });
    }

    private static String describeCount(long movieId, long count) {
        return "movie " + movieId + ", " + count + " helpful";
    }

    private static String key(HelpfulVoteRow row) {
        return row.voter() + " / review " + row.reviewId();
    }

    private static String describe(HelpfulVoteRow row, boolean counted) {
        return "movie " + row.movieId() + " by " + row.reviewAuthor() + ", version " + row.version() + ", "
                + (row.marked() ? "marked" : "unmarked") + " at position " + row.position() + " on "
                + row.votedAt().truncatedTo(ChronoUnit.MICROS) + ", ended at position "
                + (row.endedPosition() == null ? "never" : row.endedPosition()) + ", counted " + counted;
    }
}
