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
 * a wrong rule in the table's definition shows too).
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
