package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.diary.DiaryEntry;
import dev.movieratings.rating.diary.DiaryFold;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The diary's part of verify: every entry row against {@link DiaryFold} (the same applied events), the
 * erasure marks against the erasures folded, and the personal store's notes against the events: a note
 * kept for an entry that is deleted or erased is personal text that should be gone (keys only are read).
 */
final class DiaryVerification {

    private static final String NOTES_KEPT_TOO_LONG = """
            select n.entry_id, n.user_id from personal.diary_notes n
            where not exists (
                select 1 from rating_events e
                where e.user_id = n.user_id and e.event_type = 'DiaryEntryLogged'
                  and e.payload ->> 'entryId' = n.entry_id::text
                  and not exists (
                      select 1 from rating_events x
                      where x.user_id = e.user_id and x.movie_id = e.movie_id and x.stream_version > e.stream_version
                        and (x.event_type = 'RatingErased'
                             or x.event_type = 'DiaryEntryDeleted' and x.payload ->> 'entryId' = n.entry_id::text)))
            order by n.user_id, n.entry_id
            limit 100""";

    private DiaryVerification() {}

    static void compare(JdbcTemplate jdbc, DiaryFold fold, List<VerificationReport.Difference> differences) {
        Map<String, String> expected = new HashMap<>();
        for (DiaryEntry entry : fold.entries()) {
            expected.put(
                    "entry " + entry.entryId(),
                    describe(
                            entry.userId(),
                            entry.movieId(),
                            entry.version(),
                            entry.watchedOn(),
                            entry.rewatch(),
                            entry.stars() == null ? null : BigDecimal.valueOf(entry.stars()),
                            entry.loggedAt(),
                            entry.updatedAt()));
        }
        Map<String, String> actual = new HashMap<>();
        jdbc.query("select * from projection.diary_entries", rs -> {
            Date watched = rs.getDate("watched_on");
            Timestamp logged = rs.getTimestamp("logged_at");
            actual.put(
                    "entry " + rs.getObject("entry_id", UUID.class),
                    describe(
                            rs.getString("user_id"),
                            rs.getLong("movie_id"),
                            rs.getInt("stream_version"),
                            watched == null ? null : watched.toLocalDate(),
                            rs.getBoolean("rewatch"),
                            rs.getBigDecimal("stars"),
                            logged == null ? null : logged.toInstant(),
                            rs.getTimestamp("updated_at").toInstant()));
        });
        compare("diary_entries", expected, actual, differences);

        Map<String, String> marks = new HashMap<>();
        fold.erasures().forEach((stream, version) -> marks.put(stream.replace('\u0000', '/'), "version " + version));
        Map<String, String> stored = new HashMap<>();
        jdbc.query("select * from projection.diary_erasures", rs -> {
            stored.put(
                    rs.getString("user_id") + "/" + rs.getLong("movie_id"), "version " + rs.getInt("stream_version"));
        });
        compare("diary_erasures", marks, stored, differences);

        jdbc.query(NOTES_KEPT_TOO_LONG, rs -> {
            differences.add(new VerificationReport.Difference(
                    "personal.diary_notes",
                    rs.getString(2) + " / entry " + rs.getObject(1, UUID.class),
                    "no note: the entry is deleted or erased",
                    "a note kept"));
        });
    }

    private static void compare(
            String table,
            Map<String, String> expected,
            Map<String, String> actual,
            List<VerificationReport.Difference> differences) {
        new TreeMap<>(expected).forEach((key, wanted) -> {
            String found = actual.get(key);
            if (!wanted.equals(found)) {
                differences.add(
                        new VerificationReport.Difference(table, key, wanted, found == null ? "no row" : found));
            }
        });
        new TreeMap<>(actual).forEach((key, found) -> {
            if (!expected.containsKey(key)) {
                differences.add(new VerificationReport.Difference(table, key, "no row", found));
            }
        });
    }

    private static String describe(
            String userId,
            long movieId,
            int version,
            @Nullable LocalDate watchedOn,
            boolean rewatch,
            @Nullable BigDecimal stars,
            @Nullable Instant loggedAt,
            Instant updatedAt) {
        return userId + " / movie " + movieId + ", version " + version + ", "
                + (watchedOn == null ? "deleted" : "watched " + watchedOn + (rewatch ? " (rewatch)" : ""))
                + ", stars "
                + (stars == null ? "none" : stars.stripTrailingZeros().toPlainString())
                + ", logged " + micros(loggedAt) + ", updated " + micros(updatedAt);
    }

    private static String micros(@Nullable Instant instant) {
        return instant == null
                ? "never"
                : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
