package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.DiaryQueries;
import dev.movieratings.query.application.DisplayTitle;
import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import dev.movieratings.query.application.Page;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The diary's reads: an index walk of {@code diary_entries_by_user} (V95) from the cursor's entry, the note
 * joined from the personal store. A year of a heavy diarist is paged, never read whole.
 */
final class JdbcDiaryQueries implements DiaryQueries {

    private static final String COLUMNS = """
            select d.entry_id, d.movie_id, m.title, m.release_year, d.watched_on, d.rewatch, d.stars, n.text as note,
                   d.logged_at, d.updated_at, d.stream_version, d.logged_at::text as logged_text
            from projection.diary_entries d
            join movies m on m.movie_id = d.movie_id
            left join personal.diary_notes n on n.entry_id = d.entry_id and n.user_id = d.user_id
            """;

    private static final String YEAR_PAGE = COLUMNS + """
            where d.user_id = :user and d.watched_on is not null
              and d.watched_on between make_date(:year, 1, 1) and make_date(:year, 12, 31)
              and (cast(:on as date) is null
                   or (d.watched_on, d.logged_at, d.entry_id)
                      < (cast(:on as date), cast(:logged as timestamptz), cast(:entry as uuid)))
            order by d.watched_on desc, d.logged_at desc, d.entry_id desc
            limit :limit""";

    private static final String ONE = COLUMNS + """
            where d.user_id = :user and d.entry_id = :entry and d.watched_on is not null""";

    /** A loose index scan: one probe of the index per year, however many entries a year holds. */
    private static final String YEARS = """
            with recursive years as (
                select (select extract(year from watched_on)::int from projection.diary_entries
                        where user_id = :user and watched_on is not null
                        order by watched_on desc limit 1) as year
                union all
                select (select extract(year from watched_on)::int from projection.diary_entries
                        where user_id = :user and watched_on is not null and watched_on < make_date(y.year, 1, 1)
                        order by watched_on desc limit 1)
                from years y where y.year is not null)
            select year from years where year is not null""";

    private final JdbcClient jdbc;
    private final Cursors cursors;

    JdbcDiaryQueries(JdbcClient jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    @Override
    public Page<DiaryEntryView> diaryOf(String userId, int year, int limit, @Nullable String cursor) {
        byte[] list = Cursors.scope("diary", userId, year);
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        record Row(DiaryEntryView entry, String logged) {}
        List<Row> rows = jdbc.sql(YEAR_PAGE)
                .param("user", userId)
                .param("year", year)
                .param("on", after == null ? null : date(Cursors.required(after, "on")))
                .param("logged", after == null ? null : Cursors.required(after, "logged"))
                .param("entry", after == null ? null : uuid(Cursors.required(after, "entry")))
                .param("limit", limit + 1)
                .query((rs, n) -> new Row(view(rs), rs.getString("logged_text")))
                .list();
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = cursors.encode(
                    list,
                    Map.of(
                            "on", last.entry().watchedOn().toString(),
                            "logged", last.logged(),
                            "entry", last.entry().entryId().toString()));
        }
        return new Page<>(rows.stream().limit(limit).map(Row::entry).toList(), next);
    }

    @Override
    public List<Integer> yearsOf(String userId) {
        return jdbc.sql(YEARS).param("user", userId).query(Integer.class).list();
    }

    @Override
    public Optional<DiaryEntryView> entry(String userId, UUID entryId) {
        return jdbc.sql(ONE)
                .param("user", userId)
                .param("entry", entryId)
                .query((rs, n) -> view(rs))
                .optional();
    }

    private static DiaryEntryView view(ResultSet rs) throws SQLException {
        String title = rs.getString("title");
        BigDecimal stars = rs.getBigDecimal("stars");
        return new DiaryEntryView(
                rs.getObject("entry_id", UUID.class),
                rs.getLong("movie_id"),
                title,
                DisplayTitle.of(title),
                (Integer) rs.getObject("release_year"),
                rs.getDate("watched_on").toLocalDate(),
                rs.getBoolean("rewatch"),
                stars == null ? null : stars.doubleValue(),
                rs.getString("note"),
                rs.getTimestamp("logged_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("stream_version"));
    }

    /** Authenticated, so made here; still parsed defensively. */
    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidCursor();
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }
}
