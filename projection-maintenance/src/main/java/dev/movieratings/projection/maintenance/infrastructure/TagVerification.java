package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.tag.TagFold;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Compares projection.user_tags and projection.tag_streams with {@link TagFold} over the events verify folded, and
 * names every text the personal store keeps for a tag that is off (the command deletes it with the untagging).
 */
final class TagVerification {

    private static final String TEXTS_OF_TAGS_OFF = """
            select p.user_id, p.movie_id, p.tag_id from personal.tags p
            join projection.user_tags t on t.tag_id = p.tag_id and not t.tagged""";

    private TagVerification() {}

    static void compare(JdbcTemplate jdbc, TagFold fold, java.util.List<VerificationReport.Difference> differences) {
        Map<String, String> expectedTags = new HashMap<>();
        fold.tags()
                .forEach(row -> expectedTags.put(
                        row.userId() + " / movie " + row.movieId() + " / tag " + row.tagId(),
                        describe(row.version(), row.tagged())));
        Map<String, String> actualTags = new HashMap<>();
        jdbc.query("select * from projection.user_tags", rs -> {
            actualTags.put(
                    rs.getString("user_id") + " / movie " + rs.getLong("movie_id") + " / tag " + rs.getString("tag_id"),
                    describe(rs.getInt("stream_version"), rs.getBoolean("tagged")));
        });
        differ("user_tags", expectedTags, actualTags, differences::add);
        Map<String, String> expectedStreams = new HashMap<>();
        fold.streams()
                .forEach(row -> expectedStreams.put(
                        row.userId() + " / movie " + row.movieId(), stream(row.version(), row.erasedVersion())));
        Map<String, String> actualStreams = new HashMap<>();
        jdbc.query("select * from projection.tag_streams", rs -> {
            actualStreams.put(
                    rs.getString("user_id") + " / movie " + rs.getLong("movie_id"),
                    stream(rs.getInt("stream_version"), rs.getInt("erased_version")));
        });
        differ("tag_streams", expectedStreams, actualStreams, differences::add);
        jdbc.query(TEXTS_OF_TAGS_OFF, rs -> {
            differences.add(new VerificationReport.Difference(
                    "personal.tags",
                    rs.getString(1) + " / movie " + rs.getLong(2) + " / tag " + rs.getString(3),
                    "no text: the tag is off",
                    "a text kept"));
        });
    }

    private static void differ(
            String table,
            Map<String, String> expected,
            Map<String, String> actual,
            java.util.function.Consumer<VerificationReport.Difference> report) {
        BiConsumer<String, String> missing = (key, wanted) -> {
            String found = actual.get(key);
            if (!wanted.equals(found)) {
                report.accept(new VerificationReport.Difference(table, key, wanted, found == null ? "no row" : found));
            }
        };
        new TreeMap<>(expected).forEach(missing);
        new TreeMap<>(actual).forEach((key, found) -> {
            if (!expected.containsKey(key)) {
                report.accept(new VerificationReport.Difference(table, key, "no row", found));
            }
        });
    }

    private static String describe(int version, boolean tagged) {
        return "version " + version + ", " + (tagged ? "on" : "off");
    }

    private static String stream(int version, int erasedVersion) {
        return "version " + version + ", erased at version " + erasedVersion;
    }
}
