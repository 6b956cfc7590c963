package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.watchlist.WatchlistEntry;
import dev.movieratings.rating.watchlist.WatchlistFold;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares projection.watchlist with {@link WatchlistFold} over the events verify folded: every stream's state,
 * its pair's highest rating position, and whether the film is on the list (the generated column, so a wrong rule
 * in the table's definition shows too).
 */
final class WatchlistVerification {

    private WatchlistVerification() {}

    static void compare(JdbcTemplate jdbc, WatchlistFold fold, List<VerificationReport.Difference> differences) {
        Map<String, String> expected = new HashMap<>();
        for (WatchlistEntry entry : fold.entries()) {
            expected.put(key(entry.userId(), entry.movieId()), describe(entry));
        }
        Map<String, String> actual = new HashMap<>();
        jdbc.query("select * from projection.watchlist", rs -> {
            Object rated = rs.getObject("rated_position");
            WatchlistEntry found = new WatchlistEntry(
                    rs.getString("user_id"),
                    rs.getLong("movie_id"),
                    rs.getInt("stream_version"),
                    rs.getBoolean("listed"),
                    rs.getLong("listed_position"),
                    rs.getTimestamp("added_at").toInstant(),
                    rated == null ? null : ((Number) rated).longValue());
            actual.put(
                    key(found.userId(), found.movieId()),
                    describe(found).replace("on list " + found.onList(), "on list " + rs.getBoolean("on_list")));
        });
        new TreeMap<>(expected).forEach((key, wanted) -> {
            String found = actual.get(key);
            if (!wanted.equals(found)) {
                differences.add(
                        new VerificationReport.Difference("watchlist", key, wanted, found == null ? "no row" : found));
            }
        });
        new TreeMap<>(actual).forEach((key, found) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference("watchlist", key, "no row", found));
            }
        });
    }

    private static String key(String userId, long movieId) {
        return userId + " / movie " + movieId;
    }

    private static String describe(WatchlistEntry entry) {
        return "version " + entry.version() + ", " + (entry.listed() ? "listed" : "unlisted") + " at position "
                + entry.position() + " on " + entry.at().truncatedTo(ChronoUnit.MICROS) + ", rated at position "
                + (entry.ratedPosition() == null ? "never" : entry.ratedPosition()) + ", on list " + entry.onList();
    }
}
