package dev.movieratings.query.infrastructure;

import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.query.application.DiscoveryQueries;
import dev.movieratings.query.application.DisplayTitle;
import dev.movieratings.query.application.HistoryInterval;
import dev.movieratings.query.application.HistoryPoint;
import dev.movieratings.query.application.ScoreAsOf;
import dev.movieratings.query.application.SimilarMovie;
import dev.movieratings.query.application.SimilarMovies;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the discovery projections: every answer is an index range or a single row, never a fold of events. */
final class JdbcDiscoveryQueries implements DiscoveryQueries {

    private static final String DAYS = """
            select to_char(day, 'YYYY-MM-DD') as period, rating_count, stars_sum
            from projection.movie_score_history
            where movie_id = ?
            order by day""";

    /** The last changed day of each month holds the month's end: nothing changed after it that month. */
    private static final String MONTHS = """
            select distinct on (date_trunc('month', day)) to_char(day, 'YYYY-MM') as period, rating_count, stars_sum
            from projection.movie_score_history
            where movie_id = ?
            order by date_trunc('month', day), day desc""";

    /** The movie's latest row and the totals' latest row at or before the day; C is 0 before any rating. */
    private static final String AS_OF = """
            select coalesce(h.rating_count, 0) as rating_count, h.stars_sum, h.histogram,
                   case when h.rating_count > 0 then
                       (h.stars_sum + :m * coalesce(t.stars_sum / nullif(t.rating_count, 0), 0))
                       / (h.rating_count + :m) end as weighted
            from (values (1)) as one
            left join lateral (select * from projection.movie_score_history
                               where movie_id = :movie and day <= :day order by day desc limit 1) h on true
            left join lateral (select * from projection.rating_totals_history
                               where day <= :day order by day desc limit 1) t on true""";

    private static final String SIMILAR = """
            select s.similar_id, m.title, m.release_year, s.similarity, s.co_likes
            from projection.similar_movies s
            join movies m on m.movie_id = s.similar_id
            where s.movie_id = ?
            order by s.similarity desc, s.similar_id
            limit ?""";

    private static final String PENDING =
            "select exists (select 1 from projection.similarity_stale where movie_id = ?)";

    private final JdbcClient jdbc;
    private final int minimumVotes;
    private final int minimumRatingsForAverage;

    JdbcDiscoveryQueries(JdbcClient jdbc, int minimumVotes, int minimumRatingsForAverage) {
        this.jdbc = jdbc;
        this.minimumVotes = minimumVotes;
        this.minimumRatingsForAverage = minimumRatingsForAverage;
    }

    @Override
    public List<HistoryPoint> history(long movieId, HistoryInterval interval) {
        return FunctionMetrics.databaseTime(
                "query_history",
                () -> jdbc.sql(interval == HistoryInterval.DAY ? DAYS : MONTHS)
                        .param(movieId)
                        .query((rs, n) -> new HistoryPoint(
                                rs.getString("period"),
                                rs.getLong("rating_count"),
                                average(rs.getLong("rating_count"), rs.getBigDecimal("stars_sum"))))
                        .list());
    }

    @Override
    public ScoreAsOf scoreAsOf(long movieId, LocalDate day) {
        return FunctionMetrics.databaseTime(
                "query_as_of",
                () -> jdbc.sql(AS_OF)
                        .param("m", minimumVotes)
                        .param("movie", movieId)
                        .param("day", Date.valueOf(day))
                        .query((rs, n) -> {
                            long count = rs.getLong("rating_count");
                            Double average = average(count, rs.getBigDecimal("stars_sum"));
                            return new ScoreAsOf(
                                    count,
                                    average,
                                    count > 0 && average == null,
                                    round(rs.getBigDecimal("weighted")),
                                    histogram(rs.getArray("histogram")));
                        })
                        .single());
    }

    @Override
    public SimilarMovies similar(long movieId, int limit) {
        return FunctionMetrics.databaseTime(
                "query_similar",
                () -> new SimilarMovies(
                        jdbc.sql(SIMILAR)
                                .params(movieId, limit)
                                .query((rs, n) -> new SimilarMovie(
                                        rs.getLong("similar_id"),
                                        rs.getString("title"),
                                        DisplayTitle.of(rs.getString("title")),
                                        (Integer) rs.getObject("release_year"),
                                        BigDecimal.valueOf(rs.getDouble("similarity"))
                                                .setScale(4, RoundingMode.HALF_EVEN)
                                                .doubleValue(),
                                        rs.getInt("co_likes")))
                                .list(),
                        jdbc.sql(PENDING).param(movieId).query(Boolean.class).single()));
    }

    private @Nullable Double average(long count, BigDecimal sum) {
        if (count == 0 || count < minimumRatingsForAverage) {
            return null;
        }
        return round(sum.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_EVEN));
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
}
