// Over 250 lines: the one adapter behind the MovieQueries port (lists, movie, reviews, my ratings).
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
import dev.movieratings.query.application.ReviewSort;
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
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the projection tables. The movie page computes its weighted rating exactly, from the stored
 * count and sum and the current global mean C; the lists order by the weighted rating the projector
 * stores with the list basis ({@link MovieListSql}).
 */
class JdbcMovieQueries implements MovieQueries {

    /**
     * One movie with its exact scores: C is read in the same statement (a separate read of C was a third
     * round trip on the hottest page). WR = v/(v+m)·R + m/(v+m)·C written as (Σstars + m·C)/(v+m).
     */
    private static final String MOVIE = """
            select m.movie_id, m.title, m.release_year, m.genres, coalesce(s.rating_count, 0) as rating_count,
              case when s.rating_count > 0 then s.stars_sum / s.rating_count end as average,
              case when s.rating_count > 0 then (s.stars_sum + :m * (select case when t.rating_count > 0
                then t.stars_sum / t.rating_count else 0 end from projection.rating_totals t)) / (s.rating_count + :m)
              end as weighted,
              s.histogram, coalesce(s.review_count, 0) as review_count, m.imdb_id, m.tmdb_id
            from movies m left join projection.movie_scores s on s.movie_id = m.movie_id
            where m.movie_id = :id
            """;

    private static final String DECIMAL = "-?[0-9]{1,20}(\\.[0-9]{1,40})?";

    private final JdbcClient jdbc;
    private final int minimumVotes;
    private final int minimumRatingsForAverage;
    private final Cursors cursors;
    private final JdbcReviews reviews;

    JdbcMovieQueries(JdbcClient jdbc, int minimumVotes, int minimumRatingsForAverage, Cursors cursors) {
        this.jdbc = jdbc;
        this.minimumVotes = minimumVotes;
        this.minimumRatingsForAverage = minimumRatingsForAverage;
        this.cursors = cursors;
        this.reviews = new JdbcReviews(jdbc, cursors);
    }

    @Override
    public Page<MovieSummary> movies(MovieFilter filter, MovieSort sort, int limit, @Nullable String cursor) {
        byte[] list = Cursors.scope(
                "movies",
                sort,
                filter.titleSearch(),
                filter.genre(),
                filter.yearFrom(),
                filter.yearTo(),
                filter.tagKey());
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        String search = filter.titleSearch() == null ? null : searchKey(filter.titleSearch());
        if (sort == MovieSort.RELEVANCE && filter.titleSearch() == null) {
            throw new SearchRequired();
        }
        if (filter.titleSearch() != null && search == null) {
            return new Page<>(List.of(), null); // only punctuation: no title can match it
        }
        // the list basis of the first page (C and m of the stored scores): a top list or a search keeps its order
        String basisMean = null;
        Integer basisVotes = null;
        if (after != null && (sort == MovieSort.TOP || search != null)) {
            basisMean = Cursors.required(after, "c");
            basisVotes = parseVotes(Cursors.required(after, "m"));
        }
        if (basisMean != null && !basisMean.matches(DECIMAL)) {
            throw new InvalidCursor();
        }
        List<Row> rows = page(
                MovieListSql.list(sort, filter, search, after != null),
                filter,
                search,
                after,
                sort,
                limit,
                basisMean,
                basisVotes);
        if (rows.isEmpty() && sort == MovieSort.TOP && search == null && after != null) {
            // nothing after the cursor in the stored order: the end of the list, or a re-score replaced its basis
            rows = page(MovieListSql.topAtBasis(filter), filter, null, after, sort, limit, basisMean, basisVotes);
        }
        String next = null;
        if (rows.size() > limit) {
            Row last = rows.get(limit - 1);
            Map<String, String> key = new LinkedHashMap<>();
            key.put("k", last.sortKey());
            key.put("id", Long.toString(last.summary().id()));
            if (sort == MovieSort.RELEVANCE) {
                key.put("n", Long.toString(last.summary().ratingCount()));
            }
            if (sort == MovieSort.TOP || search != null) {
                key.put("c", last.basisMean());
                key.put("m", last.basisVotes());
            }
            next = cursors.encode(list, key);
            rows = rows.subList(0, limit);
        }
        return new Page<>(rows.stream().map(Row::summary).toList(), next);
    }

    private record Row(
            MovieSummary summary,
            String sortKey,
            @Nullable String basisMean,
            @Nullable String basisVotes) {}

    private List<Row> page(
            String sql,
            MovieFilter filter,
            @Nullable String search,
            @Nullable Map<String, String> after,
            MovieSort sort,
            int limit,
            @Nullable String basisMean,
            @Nullable Integer basisVotes) {
        var statement = jdbc.sql(sql).param("limit", limit + 1);
        statement = filter.genre() == null ? statement : statement.param("genre", filter.genre());
        statement = filter.yearFrom() == null ? statement : statement.param("yearFrom", filter.yearFrom());
        statement = filter.yearTo() == null ? statement : statement.param("yearTo", filter.yearTo());
        statement = filter.tagKey() == null ? statement : statement.param("tag", filter.tagKey());
        if (search != null) {
            statement = statement.param("q", search);
        }
        if (search != null || (sort == MovieSort.TOP && after != null)) {
            statement = statement.param("c", basisMean).param("bm", basisVotes);
        }
        if (after != null) {
            String key = Cursors.required(after, "k");
            boolean wellFormed = switch (sort) {
                case RELEVANCE ->
                    key.matches(DECIMAL) && Cursors.required(after, "n").matches("[0-9]{1,18}");
                case TOP -> key.matches(DECIMAL);
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
        return statement
                .query((rs, n) -> new Row(
                        summary(rs),
                        switch (sort) {
                            case RELEVANCE -> rs.getString("relevance_text");
                            case TOP -> rs.getString("weighted_text");
                            case POPULAR -> Long.toString(rs.getLong("rating_count"));
                            case RECENT -> rs.getString("last_rated_text");
                            case TITLE -> rs.getString("title");
                        },
                        rs.getString("list_mean_text"),
                        rs.getString("list_min_votes")))
                .list();
    }

    private static int parseVotes(String votes) {
        if (!votes.matches("[0-9]{1,6}")) {
            throw new InvalidCursor();
        }
        return Integer.parseInt(votes);
    }

    /** The search as titles are indexed (see migration V10); null when nothing searchable is left. */
    private @Nullable String searchKey(String typed) {
        String key = jdbc.sql("select movie_search_key(?)")
                .param(typed)
                .query(String.class)
                .single();
        return key == null || key.isBlank() ? null : key;
    }

    @Override
    public Optional<MovieDetail> movie(long movieId) {
        return jdbc.sql(MOVIE)
                .param("m", minimumVotes)
                .param("id", movieId)
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
    public Page<ReviewView> reviews(long movieId, ReviewSort sort, int limit, @Nullable String cursor) {
        return reviews.page(movieId, sort, limit, cursor);
    }

    @Override
    public List<UUID> helpfulVotesOf(String userId, long movieId) {
        return reviews.votesOf(userId, movieId);
    }

    @Override
    public Page<MyRating> ratingsOf(String userId, @Nullable Long movieId, int limit, @Nullable String cursor) {
        // bound to the caller too: one user's cursor is no use on another's list
        byte[] list = Cursors.scope("me", userId, movieId);
        Map<String, String> after = cursor == null ? null : cursors.decode(list, cursor);
        String keyset = after == null ? "" : " and (r.updated_at, r.movie_id) < (cast(:t as timestamptz), :id)";
        var statement = jdbc.sql("select r.*, t.text as review_text, t.review_id, r.updated_at::text as updated_text,"
                        + " m.title, m.release_year from projection.user_ratings r"
                        + " join movies m on m.movie_id = r.movie_id"
                        + " left join personal.review_texts t on t.user_id = r.user_id and t.movie_id = r.movie_id"
                        + " and t.stream_version = r.stream_version"
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
                                rs.getTimestamp("updated_at").toInstant(),
                                rs.getInt("stream_version"),
                                rs.getObject("review_id", UUID.class)),
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

    private static Map<String, Long> histogram(@Nullable Array array) throws SQLException {
        Map<String, Long> histogram = new LinkedHashMap<>();
        Long[] counts = array == null ? new Long[10] : (Long[]) array.getArray();
        for (int i = 0; i < 10; i++) {
            histogram.put(BigDecimal.valueOf((i + 1) * 5L, 1).toPlainString(), counts[i] == null ? 0 : counts[i]);
        }
        return histogram;
    }

    private static @Nullable Double round(@Nullable BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
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
