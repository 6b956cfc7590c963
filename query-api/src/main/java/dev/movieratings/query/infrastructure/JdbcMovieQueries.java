package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.DisplayTitle;
import dev.movieratings.query.application.MovieDetail;
import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.MovieQueries.SearchRequired;
import dev.movieratings.query.application.MovieSort;
import dev.movieratings.query.application.MovieSummary;
import dev.movieratings.query.application.MyRating;
import dev.movieratings.query.application.Page;
import dev.movieratings.query.application.ReviewView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the projection tables. The weighted rating is computed per row from the stored count and sum
 * and the global mean C; a list's cursor carries the C its first page used, so paging through a list
 * keeps one order even while new ratings move C.
 */
class JdbcMovieQueries implements MovieQueries {

    /**
     * Every movie with its scores, and, when there is a title search, how well it matches: 10 for the
     * whole title, 9 when the title starts with the search, 8 when a word of it does; otherwise trigram
     * word similarity (typos) plus a popularity prior, 0.1·ln(1 + ratings), which stays below 8.
     * {@code :q} is the search already normalised by {@code movie_search_key}, so it holds only letters,
     * digits and spaces and needs no escaping inside LIKE. The search clauses are left out of the SQL
     * when there is no search (rather than "or :q is null"), so a cached generic plan can never trade
     * the trigram index for a scan of every title. {@code globalMean} is the SQL giving C: the list's
     * parameter (a cursor pins it), or {@link #GLOBAL_MEAN} read in the same statement.
     */
    private static String scoredMovies(Search searching, String globalMean) {
        return "select m.movie_id, m.title, m.release_year, m.genres,"
                + " coalesce(s.rating_count, 0) as rating_count, s.last_rated_at,"
                + " case when s.rating_count > 0 then s.stars_sum / s.rating_count end as average,"
                // WR = v/(v+m)·R + m/(v+m)·C written as (Σstars + m·C)/(v+m): the same number with one numeric
                // division instead of three, and the top list computes it for every movie on each read
                + " case when s.rating_count > 0 then " + weighted(globalMean) + " end as weighted,"
                + (searching != Search.NONE
                        ? " case when m.search_key = :q then 10"
                                + "   when m.search_key like :q || '%' then 9"
                                + "   when ' ' || m.search_key like '% ' || :q || '%' then 8"
                                + "   else round((word_similarity(:q, m.search_key) + 0.1 * ln(1 + coalesce(s.rating_count, 0)))::numeric, 4)"
                                + " end as relevance"
                        : " null::numeric as relevance")
                + " from movies m left join projection.movie_scores s on s.movie_id = m.movie_id"
                + " where "
                + switch (searching) {
                    case NONE -> "true";
                    // under three letters there are no trigrams to compare: prefixes only
                    case SHORT -> "(m.search_key like :q || '%' or ' ' || m.search_key like '% ' || :q || '%')";
                    case FULL -> "(:q <% m.search_key or m.search_key like '%' || :q || '%')";
                }
                + " and (cast(:genre as text) is null or m.genres @> array[cast(:genre as text)])"
                + " and (cast(:yearFrom as int) is null or m.release_year >= cast(:yearFrom as int))"
                + " and (cast(:yearTo as int) is null or m.release_year <= cast(:yearTo as int))";
    }

    /** WR of a {@code projection.movie_scores s} row with votes, given the SQL for C. */
    private static String weighted(String globalMean) {
        return "(s.stars_sum + :m * " + globalMean + ") / (s.rating_count + :m)";
    }

    /**
     * The unfiltered top list: the page is cut from the scores alone and only its movies are joined
     * with the catalogue, instead of joining every movie's title and genres before the sort (36 → 184
     * top lists a second under load, docs/benchmarks.md). {@code pageOfScores} holds the order,
     * keyset and limit, written against {@code x}. Every score row has its movie: events reference
     * the catalogue, and scores come only from events.
     */
    private static String topOfScores(String pageOfScores) {
        return "select m.movie_id, m.title, m.release_year, m.genres, x.rating_count, x.last_rated_at, x.average, x.weighted,"
                + " null::numeric as relevance from (select * from (select s.movie_id, s.rating_count, s.last_rated_at,"
                + " s.stars_sum / s.rating_count as average, " + weighted(LIST_MEAN) + " as weighted"
                + " from projection.movie_scores s where s.rating_count > 0) x" + pageOfScores + " limit :limit) x"
                + " join movies m on m.movie_id = x.movie_id";
    }

    /** No title search; a search too short for trigrams (prefixes only); a full one (prefixes, substrings, typos). */
    private enum Search {
        NONE,
        SHORT,
        FULL;

        static Search of(String key) {
            return key == null ? NONE : key.length() < 3 ? SHORT : FULL;
        }
    }

    /** C, the mean over all current ratings, as one scalar subquery. */
    private static final String GLOBAL_MEAN =
            "(select case when rating_count > 0 then stars_sum / rating_count else 0 end from projection.rating_totals)";

    /** C for a list: the cursor's when paging on, else read in the same statement. */
    private static final String LIST_MEAN = "coalesce(cast(:c as numeric), " + GLOBAL_MEAN + ")";

    private static final String DECIMAL = "-?[0-9]{1,20}(\\.[0-9]{1,40})?";

    private final JdbcClient jdbc;
    private final int minimumVotes;
    private final int minimumRatingsForAverage;
    private final Cursors cursors;

    JdbcMovieQueries(JdbcClient jdbc, int minimumVotes, int minimumRatingsForAverage, Cursors cursors) {
        this.jdbc = jdbc;
        this.minimumVotes = minimumVotes;
        this.minimumRatingsForAverage = minimumRatingsForAverage;
        this.cursors = cursors;
    }

    @Override
    public Page<MovieSummary> movies(MovieFilter filter, MovieSort sort, int limit, String cursor) {
        byte[] list =
                Cursors.scope("movies", sort, filter.titleSearch(), filter.genre(), filter.yearFrom(), filter.yearTo());
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        // a cursor carries the C of its first page; a first page reads C in its own statement
        String globalMean = after != null ? Cursors.required(after, "c") : null;
        String search = filter.titleSearch() == null ? null : searchKey(filter.titleSearch());
        if (sort == MovieSort.RELEVANCE && filter.titleSearch() == null) {
            throw new SearchRequired();
        }
        if (filter.titleSearch() != null && search == null) {
            return new Page<>(List.of(), null); // only punctuation: no title can match it
        }
        String order = switch (sort) {
            case RELEVANCE -> " where true %s order by x.relevance desc, x.rating_count desc, x.movie_id";
            // rated movies are those with a weighted rating; saying so by the count spares computing it twice a row
            case TOP -> " where x.rating_count > 0 %s order by x.weighted desc, x.movie_id";
            case POPULAR -> " where true %s order by x.rating_count desc, x.movie_id";
            case RECENT -> " where x.last_rated_at is not null %s order by x.last_rated_at desc, x.movie_id";
            case TITLE -> " where true %s order by x.title, x.movie_id";
        };
        String keyset = after == null
                ? ""
                : switch (sort) {
                    case RELEVANCE ->
                        " and (x.relevance < cast(:k as numeric) or (x.relevance = cast(:k as numeric)"
                                + " and (x.rating_count < cast(:n as bigint) or (x.rating_count = cast(:n as bigint) and x.movie_id > :id))))";
                    case TOP ->
                        " and (x.weighted < cast(:k as numeric) or (x.weighted = cast(:k as numeric) and x.movie_id > :id))";
                    case POPULAR ->
                        " and (x.rating_count < cast(:k as bigint) or (x.rating_count = cast(:k as bigint) and x.movie_id > :id))";
                    case RECENT ->
                        " and (x.last_rated_at < cast(:k as timestamptz) or (x.last_rated_at = cast(:k as timestamptz) and x.movie_id > :id))";
                    case TITLE -> " and (x.title > :k or (x.title = :k and x.movie_id > :id))";
                };
        boolean unfilteredTop = sort == MovieSort.TOP
                && search == null
                && filter.genre() == null
                && filter.yearFrom() == null
                && filter.yearTo() == null;
        var statement = jdbc.sql("select x.*, x.weighted::text as weighted_text, x.relevance::text as relevance_text,"
                        + " x.last_rated_at::text as last_rated_text, " + LIST_MEAN + "::text as global_mean_text"
                        + " from ("
                        + (unfilteredTop
                                ? topOfScores(String.format(order, keyset))
                                : scoredMovies(Search.of(search), LIST_MEAN))
                        + ") x" + String.format(order, keyset) + " limit :limit")
                .param("m", minimumVotes)
                .param("c", globalMean)
                .param("genre", filter.genre())
                .param("yearFrom", filter.yearFrom())
                .param("yearTo", filter.yearTo())
                .param("limit", limit + 1);
        if (search != null) {
            statement = statement.param("q", search);
        }
        if (after != null) {
            String key = Cursors.required(after, "k");
            boolean wellFormed = switch (sort) {
                case RELEVANCE ->
                    key.matches(DECIMAL) && Cursors.required(after, "n").matches("[0-9]{1,18}");
                case TOP -> key.matches(DECIMAL) && globalMean.matches(DECIMAL);
                case POPULAR -> key.matches("[0-9]{1,18}");
                case RECENT -> timestamp(key) != null;
                case TITLE -> true;
            };
            if (!wellFormed) {
                throw new InvalidCursor();
            }
            statement = statement.param("k", key).param("id", parseId(Cursors.required(after, "id")));
            if (sort == MovieSort.RELEVANCE) {
                statement = statement.param("n", Cursors.required(after, "n"));
            }
        }
        record Row(MovieSummary summary, String sortKey, String globalMean) {}
        List<Row> rows = statement
                .query((rs, n) -> new Row(
                        summary(rs),
                        switch (sort) {
                            case RELEVANCE -> rs.getString("relevance_text");
                            case TOP -> rs.getString("weighted_text");
                            case POPULAR -> Long.toString(rs.getLong("rating_count"));
                            case RECENT -> rs.getString("last_rated_text");
                            case TITLE -> rs.getString("title");
                        },
                        rs.getString("global_mean_text")))
                .list();
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            Map<String, String> key = new LinkedHashMap<>();
            key.put("k", last.sortKey());
            key.put("id", Long.toString(last.summary().id()));
            key.put("c", last.globalMean());
            if (sort == MovieSort.RELEVANCE) {
                key.put("n", Long.toString(last.summary().ratingCount()));
            }
            next = cursors.encode(list, key);
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::summary).toList(), next);
    }

    /** The search as titles are indexed (see migration V10); null when nothing searchable is left. */
    private String searchKey(String typed) {
        String key = jdbc.sql("select movie_search_key(?)")
                .param(typed)
                .query(String.class)
                .single();
        return key == null || key.isBlank() ? null : key;
    }

    /** One statement with C inside it: a separate read of C was a third round trip on the hottest page. */
    @Override
    public Optional<MovieDetail> movie(long movieId) {
        return jdbc.sql("select x.*, s.histogram, coalesce(s.review_count, 0) as review_count,"
                        + " c.imdb_id, c.tmdb_id from ("
                        + scoredMovies(Search.NONE, GLOBAL_MEAN)
                        + " and m.movie_id = :id) x left join projection.movie_scores s on s.movie_id = x.movie_id"
                        + " join movies c on c.movie_id = x.movie_id")
                .param("m", minimumVotes)
                .param("id", movieId)
                .param("genre", null)
                .param("yearFrom", null)
                .param("yearTo", null)
                .query((rs, n) -> new MovieDetail(
                        summary(rs),
                        histogram(rs.getArray("histogram")),
                        rs.getLong("review_count"),
                        rs.getString("imdb_id"),
                        rs.getString("tmdb_id")))
                .optional();
    }

    @Override
    public boolean movieExists(long movieId) {
        return jdbc.sql("select exists (select 1 from movies where movie_id = ?)")
                .param(movieId)
                .query(Boolean.class)
                .single();
    }

    @Override
    public Page<ReviewView> reviews(long movieId, int limit, String cursor) {
        byte[] list = Cursors.scope("reviews", movieId);
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        String keyset = after == null ? "" : " and (r.updated_at, r.user_id) < (cast(:t as timestamptz), :u)";
        var statement = jdbc.sql(
                        "select r.user_id, coalesce(u.display_name, r.user_id) as author, r.stars, r.review_text, r.review_spoiler,"
                                + " r.rated_since, r.updated_at, r.updated_at::text as updated_text"
                                + " from projection.user_ratings r left join users u on u.user_id = r.user_id"
                                + " where r.movie_id = :movie and r.review_text is not null" + keyset
                                + " order by r.updated_at desc, r.user_id desc limit :limit")
                .param("movie", movieId)
                .param("limit", limit + 1);
        if (after != null) {
            statement = statement
                    .param("t", timestamp(Cursors.required(after, "t")))
                    .param("u", Cursors.required(after, "u"));
        }
        record Row(ReviewView review, String updated, String userId) {}
        List<Row> rows = statement
                .query((rs, n) -> new Row(
                        new ReviewView(
                                rs.getString("author"),
                                rs.getBigDecimal("stars").doubleValue(),
                                rs.getString("review_text"),
                                rs.getBoolean("review_spoiler"),
                                instant(rs.getTimestamp("rated_since")),
                                instant(rs.getTimestamp("updated_at"))),
                        rs.getString("updated_text"),
                        rs.getString("user_id")))
                .list();
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = cursors.encode(list, Map.of("t", last.updated(), "u", last.userId()));
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::review).toList(), next);
    }

    @Override
    public Page<MyRating> ratingsOf(String userId, Long movieId, int limit, String cursor) {
        // bound to the caller too: one user's cursor is no use on another's list
        byte[] list = Cursors.scope("me", userId, movieId);
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        String keyset = after == null ? "" : " and (r.updated_at, r.movie_id) < (cast(:t as timestamptz), :id)";
        var statement = jdbc.sql("select r.*, r.updated_at::text as updated_text, m.title, m.release_year"
                        + " from projection.user_ratings r join movies m on m.movie_id = r.movie_id"
                        + " where r.user_id = :user and r.stars is not null"
                        + " and (cast(:movie as bigint) is null or r.movie_id = cast(:movie as bigint))" + keyset
                        + " order by r.updated_at desc, r.movie_id desc limit :limit")
                .param("user", userId)
                .param("movie", movieId)
                .param("limit", limit + 1);
        if (after != null) {
            statement = statement
                    .param("t", timestamp(Cursors.required(after, "t")))
                    .param("id", parseId(Cursors.required(after, "id")));
        }
        record Row(MyRating rating, String updated) {}
        List<Row> rows = statement
                .query((rs, n) -> new Row(
                        new MyRating(
                                rs.getLong("movie_id"),
                                rs.getString("title"),
                                DisplayTitle.of(rs.getString("title")),
                                (Integer) rs.getObject("release_year"),
                                rs.getBigDecimal("stars").doubleValue(),
                                rs.getString("review_text"),
                                (Boolean) rs.getObject("review_spoiler"),
                                instant(rs.getTimestamp("rated_since")),
                                instant(rs.getTimestamp("updated_at")),
                                rs.getInt("stream_version")),
                        rs.getString("updated_text")))
                .list();
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            next = cursors.encode(
                    list,
                    Map.of(
                            "t",
                            last.updated(),
                            "id",
                            Long.toString(last.rating().movieId())));
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::rating).toList(), next);
    }

    @Override
    public long projectedThrough() {
        return jdbc.sql("select position from projection.watermark")
                .query(Long.class)
                .single();
    }

    @Override
    public int projectedVersion(String userId, long movieId) {
        // a withdrawn rating stays as a tombstone row, so its version counts too
        return jdbc.sql("""
                        select coalesce(max(stream_version), 0) from projection.user_ratings
                        where user_id = ? and movie_id = ?""").params(userId, movieId).query(Integer.class).single();
    }

    private MovieSummary summary(ResultSet rs) throws SQLException {
        Array genres = rs.getArray("genres");
        long count = rs.getLong("rating_count");
        boolean averageHidden = count > 0 && count < minimumRatingsForAverage;
        return new MovieSummary(
                rs.getLong("movie_id"),
                rs.getString("title"),
                (Integer) rs.getObject("release_year"),
                genres == null ? List.of() : Arrays.asList((String[]) genres.getArray()),
                count,
                averageHidden ? null : round(rs.getBigDecimal("average")),
                averageHidden,
                round(rs.getBigDecimal("weighted")));
    }

    private static Map<String, Long> histogram(Array array) throws SQLException {
        Map<String, Long> histogram = new LinkedHashMap<>();
        Long[] counts = array == null ? new Long[10] : (Long[]) array.getArray();
        for (int i = 0; i < 10; i++) {
            histogram.put(BigDecimal.valueOf((i + 1) * 5L, 1).toPlainString(), counts[i] == null ? 0 : counts[i]);
        }
        return histogram;
    }

    private static Double round(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidCursor();
        }
    }

    private static String timestamp(String value) {
        if (!value.matches("[0-9: .+\\-]{10,40}")) {
            throw new InvalidCursor();
        }
        return value;
    }
}
