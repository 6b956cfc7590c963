package dev.movieratings.query.http;

import dev.movieratings.http.BadRequest;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.Problem;
import dev.movieratings.query.application.DiaryQueries;
import dev.movieratings.query.application.DiaryQueries.DiaryEntryView;
import dev.movieratings.query.application.Page;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The caller's diary: {@code GET /api/me/diary?year=} grouped by month, newest first, keyset paged (a page
 * may end inside a month: the next page's first month continues it), with the years that hold entries for
 * navigation; {@code GET /api/me/diary/{entryId}} one entry, 404 when it is not the caller's.
 */
final class DiaryReads {

    /** The first year a viewing may be dated (WatchedOn in rating-domain); the last is this year in UTC+14. */
    static final int FIRST_YEAR = 1870;

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final DiaryQueries diary;
    private final Clock clock;

    DiaryReads(DiaryQueries diary, Clock clock) {
        this.diary = diary;
        this.clock = clock;
    }

    Map<String, Object> year(HttpRequest request, int limit, @Nullable String cursor) {
        String userId = request.requireCaller().userId();
        int latest = LocalDate.now(clock.withZone(ZoneOffset.ofHours(14))).getYear();
        int year = request.queryParameter("year")
                .map(raw -> {
                    if (!raw.matches("[0-9]{4}")
                            || Integer.parseInt(raw) < FIRST_YEAR
                            || Integer.parseInt(raw) > latest) {
                        throw new BadRequest(Problem.invalidParameter(
                                "year", "year must be a year from " + FIRST_YEAR + " to " + latest));
                    }
                    return Integer.parseInt(raw);
                })
                .orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear());
        Page<DiaryEntryView> page = diary.diaryOf(userId, year, limit, cursor);
        Map<String, List<Map<String, Object>>> months = new LinkedHashMap<>();
        for (DiaryEntryView entry : page.items()) {
            months.computeIfAbsent(entry.watchedOn().toString().substring(0, 7), m -> new ArrayList<>())
                    .add(json(entry));
        }
        List<Map<String, Object>> grouped = new ArrayList<>();
        months.forEach((month, entries) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("month", month);
            group.put("entries", entries);
            grouped.add(group);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("year", year);
        json.put("years", diary.yearsOf(userId));
        json.put("months", grouped);
        json.put("nextCursor", page.nextCursor());
        return json;
    }

    Map<String, Object> entry(HttpRequest request) {
        String userId = request.requireCaller().userId();
        String raw = request.pathParameter("entryId").orElse("");
        if (!UUID_TEXT.matcher(raw).matches()) {
            throw new BadRequest(Problem.notFound("there is no such entry in your diary"));
        }
        return diary.entry(userId, UUID.fromString(raw))
                .map(DiaryReads::json)
                .orElseThrow(() -> new BadRequest(Problem.notFound("there is no such entry in your diary")));
    }

    private static Map<String, Object> json(DiaryEntryView entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entryId", entry.entryId().toString());
        json.put("movieId", entry.movieId());
        json.put("title", entry.title());
        json.put("displayTitle", entry.displayTitle());
        json.put("year", entry.year());
        json.put("watchedOn", entry.watchedOn().toString());
        json.put("rewatch", entry.rewatch());
        json.put("stars", entry.stars());
        json.put("note", entry.note());
        json.put("loggedAt", entry.loggedAt().toString());
        json.put("updatedAt", entry.updatedAt().toString());
        json.put("streamVersion", entry.streamVersion());
        return json;
    }
}
