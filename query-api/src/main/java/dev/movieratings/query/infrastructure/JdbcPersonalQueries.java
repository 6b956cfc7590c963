// Over 250 lines: the one adapter behind the PersonalQueries port (watchlist, my ratings, profile summary).
package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.DisplayTitle;
import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import dev.movieratings.query.application.MyRating;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.PersonalQueries;
import dev.movieratings.query.application.ProfileSummary;
import dev.movieratings.query.application.RatingSort;
import dev.movieratings.query.application.WatchlistItem;
import dev.movieratings.query.application.WatchlistSort;
import dev.movieratings.query.application.WatchlistStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The caller's own lists over the projections (issue 20). The watchlist is walked by keyset: newest first along
 * watchlist_by_added, or by title (a person's list is small: it is sorted per request, the keyset still pages).
 */
final class JdbcPersonalQueries implements PersonalQueries {

    private static final String WATCHLIST_BY_ADDED = """
            select w.movie_id, w.added_at, w.added_at::text as key, m.title, m.release_year, m.genres
            from projection.watchlist w join movies m on m.movie_id = w.movie_id
            where w.user_id = :user and w.on_list
              and (cast(:k as timestamptz) is null or (w.added_at, w.movie_id) < (cast(:k as timestamptz), :id))
            order by w.added_at desc, w.movie_id desc
            limit :limit""";
    private static final String WATCHLIST_BY_TITLE = """
            select w.movie_id, w.added_at, m.title as key, m.title, m.release_year, m.genres
            from projection.watchlist w join movies m on m.movie_id = w.movie_id
            where w.user_id = :user and w.on_list
              and (cast(:k as text) is null or (m.title, w.movie_id) > (cast(:k as text), :id))
            order by m.title, w.movie_id
            limit :limit""";
    private static final String STATUS = """
            select on_list, added_at, stream_version from projection.watchlist where user_id = ? and movie_id = ?""";

    /** "My ratings": one statement, the order and its keyset chosen by :sort (each branch its own index range). */
    private static final String RATINGS = """
            select r.movie_id, r.stars, r.review_spoiler, r.rated_since, r.updated_at, r.stream_version,
                   r.updated_at::text as updated_text, t.text as review_text, t.review_id, m.title, m.release_year
            from projection.user_ratings r
            join movies m on m.movie_id = r.movie_id
            left join personal.review_texts t
                   on t.user_id = r.user_id and t.movie_id = r.movie_id and t.stream_version = r.stream_version
            where r.user_id = :user and r.stars is not null
              and (cast(:t as timestamptz) is null
                   or :sort = 'DATE' and (r.updated_at, r.movie_id) < (cast(:t as timestamptz), :id)
                   or :sort = 'STARS'
                      and (r.stars, r.updated_at, r.movie_id) < (cast(:s as numeric), cast(:t as timestamptz), :id)
                   or :sort = 'TITLE' and (m.title, r.movie_id) > (cast(:k as text), :id))
            order by case when :sort = 'STARS' then r.stars end desc,
                     case when :sort = 'TITLE' then m.title end,
                     case when :sort = 'TITLE' then r.movie_id end,
                     r.updated_at desc, r.movie_id desc
            limit :limit""";

    private static final String RATING_TOTAL = """
            select count(*) from projection.user_ratings where user_id = ? and stars is not null""";

    private static final String COUNTS = """
            select (select display_name from personal.profiles where user_id = :user) as display_name,
                   count(*) filter (where r.stars is not null) as ratings,
                   count(*) filter (where r.stars is not null and r.review_spoiler is not null) as reviews,
                   (select count(*) from projection.watchlist w where w.user_id = :user and w.on_list) as watchlist,
                   (select count(*) from projection.diary_entries d
                    where d.user_id = :user
                      and d.watched_on >= date_trunc('year', now() at time zone 'UTC')::date
                      and d.watched_on < (date_trunc('year', now() at time zone 'UTC') + interval '1 year')::date)
                       as diary_entries_this_year,
                   array[count(*) filter (where r.stars = 0.5), count(*) filter (where r.stars = 1.0),
                         count(*) filter (where r.stars = 1.5), count(*) filter (where r.stars = 2.0),
                         count(*) filter (where r.stars = 2.5), count(*) filter (where r.stars = 3.0),
                         count(*) filter (where r.stars = 3.5), count(*) filter (where r.stars = 4.0),
                         count(*) filter (where r.stars = 4.5), count(*) filter (where r.stars = 5.0)] as histogram
            from projection.user_ratings r
            where r.user_id = :user""";
    /** A genre needs the minimum of the person's ratings; then by their average there, more ratings first on ties. */
    private static final String FAVOURITE_GENRES = """
            select g.genre, count(*) as ratings, avg(r.stars) as average
            from projection.user_ratings r
            join movies m on m.movie_id = r.movie_id
            cross join unnest(m.genres) as g(genre)
            where r.user_id = :user and r.stars is not null and g.genre <> '(no genres listed)'
            group by g.genre
            having count(*) >= :minimum
            order by average desc, ratings desc, g.genre
            limit 5""";

    private final JdbcClient jdbc;
    private final Cursors cursors;

    JdbcPersonalQueries(JdbcClient jdbc, Cursors cursors) {
        this.jdbc = jdbc;
        this.cursors = cursors;
    }

    @Override
    public Page<WatchlistItem> watchlist(String userId, WatchlistSort sort, int limit, @Nullable String cursor) {
        // bound to the caller and the order: one person's cursor is no use on another's list
        byte[] scope = Cursors.scope("watchlist", userId, sort.name());
        @Nullable Map<String, String> after = cursor == null ? null : cursors.decode(scope, cursor);
        @Nullable String key = after == null ? null : Cursors.required(after, "k");
        long afterId = after == null ? 0 : parseId(Cursors.required(after, "id"));
        if (key != null && sort == WatchlistSort.ADDED && !key.matches("[0-9: .+\\-]{10,40}")) {
            throw new InvalidCursor();
        }
        record Row(WatchlistItem item, String key) {}
        List<Row> rows = jdbc.sql(sort == WatchlistSort.ADDED ? WATCHLIST_BY_ADDED : WATCHLIST_BY_TITLE)
                .param("user", userId)
                .param("k", key)
                .param("id", afterId)
                .param("limit", limit + 1)
                .query((rs, n) -> {
                    Array genres = rs.getArray("genres");
                    return new Row(
                            new WatchlistItem(
                                    rs.getLong("movie_id"),
                                    rs.getString("title"),
                                    DisplayTitle.of(rs.getString("title")),
                                    (Integer) rs.getObject("release_year"),
                                    genres == null ? List.of() : Arrays.asList((String[]) genres.getArray()),
                                    rs.getTimestamp("added_at").toInstant()),
                            rs.getString("key"));
                })
                .list();
        @Nullable String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = cursors.encode(
                    scope,
                    Map.of("k", last.key(), "id", Long.toString(last.item().movieId())));
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::item).toList(), next);
    }

    @Override
    public Page<MyRating> ratings(String userId, RatingSort sort, int limit, @Nullable String cursor) {
        byte[] scope = Cursors.scope("my-ratings", userId, sort.name());
        @Nullable Map<String, String> after = cursor == null ? null : cursors.decode(scope, cursor);
        @Nullable String t = after == null ? null : Cursors.required(after, "t");
        if (t != null && !t.matches("[0-9: .+\\-]{10,40}")) {
            throw new InvalidCursor();
        }
        @Nullable String stars = after == null ? null : Cursors.required(after, "s");
        if (stars != null && !stars.matches("[0-5]\\.[05]")) {
            throw new InvalidCursor();
        }
        record Row(MyRating rating, String updated) {}
        List<Row> rows = jdbc.sql(RATINGS)
                .param("user", userId)
                .param("sort", sort.name())
                .param("t", t)
                .param("s", stars)
                .param("k", after == null ? null : Cursors.required(after, "k"))
                .param("id", after == null ? 0 : parseId(Cursors.required(after, "id")))
                .param("limit", limit + 1)
                .query((rs, n) -> new Row(
                        new MyRating(
                                rs.getLong("movie_id"),
                                rs.getString("title"),
                                DisplayTitle.of(rs.getString("title")),
                                (Integer) rs.getObject("release_year"),
                                rs.getBigDecimal("stars").doubleValue(),
                                rs.getString("review_text"),
                                (Boolean) rs.getObject("review_spoiler"),
                                rs.getTimestamp("rated_since").toInstant(),
                                rs.getTimestamp("updated_at").toInstant(),
                                rs.getInt("stream_version"),
                                rs.getObject("review_id", UUID.class)),
                        rs.getString("updated_text")))
                .list();
        @Nullable String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = cursors.encode(
                    scope,
                    Map.of(
                            "t", last.updated(),
                            "s",
                                    BigDecimal.valueOf(last.rating().stars())
                                            .setScale(1, RoundingMode.UNNECESSARY)
                                            .toPlainString(),
                            "k", last.rating().title(),
                            "id", Long.toString(last.rating().movieId())));
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::rating).toList(), next);
    }

    @Override
    public long ratingTotal(String userId) {
        return jdbc.sql(RATING_TOTAL).param(userId).query(Long.class).single();
    }

    @Override
    public WatchlistStatus watchlistStatus(String userId, long movieId) {
        return jdbc.sql(STATUS)
                .params(userId, movieId)
                .query((rs, n) -> new WatchlistStatus(
                        movieId,
                        rs.getBoolean("on_list"),
                        rs.getBoolean("on_list") ? rs.getTimestamp("added_at").toInstant() : null,
                        rs.getInt("stream_version")))
                .optional()
                .orElse(new WatchlistStatus(movieId, false, null, 0));
    }

    @Override
    public ProfileSummary profileSummary(String userId, int minimumRatingsForGenre) {
        List<ProfileSummary.GenreTaste> genres = jdbc.sql(FAVOURITE_GENRES)
                .param("user", userId)
                .param("minimum", minimumRatingsForGenre)
                .query((rs, n) -> new ProfileSummary.GenreTaste(
                        rs.getString("genre"),
                        rs.getLong("ratings"),
                        rs.getBigDecimal("average")
                                .setScale(2, RoundingMode.HALF_EVEN)
                                .doubleValue()))
                .list();
        return jdbc.sql(COUNTS)
                .param("user", userId)
                .query((rs, n) -> {
                    Long[] counts = (Long[]) rs.getArray("histogram").getArray();
                    Map<String, Long> histogram = new LinkedHashMap<>();
                    for (int i = 0; i < 10; i++) {
                        histogram.put(BigDecimal.valueOf((i + 1) * 5L, 1).toPlainString(), counts[i]);
                    }
                    return new ProfileSummary(
                            rs.getString("display_name"),
                            rs.getLong("ratings"),
                            rs.getLong("reviews"),
                            rs.getLong("diary_entries_this_year"),
                            rs.getLong("watchlist"),
                            histogram,
                            genres,
                            minimumRatingsForGenre);
                })
                .single();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
    }
}
