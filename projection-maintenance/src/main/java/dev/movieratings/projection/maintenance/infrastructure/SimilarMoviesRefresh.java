package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.SimilarityRefreshReport;
import dev.movieratings.projection.maintenance.application.SimilarityRefresher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bounded-staleness refresh of similar movies: in one transaction, the pairs of every movie marked stale
 * are deleted and computed again from the current likes, and the marks it read are cleared. Readers see the
 * old pairs or the new ones, never a half-written list. It never waits on the projector, nor the projector on it.
 */
final class SimilarMoviesRefresh implements SimilarityRefresher {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SimilarMoviesRefresh(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Override
    public SimilarityRefreshReport refresh() {
        long started = System.nanoTime();
        return Objects.requireNonNull(transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject(SimilarMoviesSql.TRY_LOCK, Boolean.class))) {
                return new SimilarityRefreshReport(0, 0, Duration.ofNanos(System.nanoTime() - started), true);
            }
            List<Long> movies = new ArrayList<>();
            List<Long> marks = new ArrayList<>();
            jdbc.query(SimilarMoviesSql.STALE, rs -> {
                movies.add(rs.getLong(1));
                marks.add(rs.getLong(2));
            });
            long rows = 0;
            if (!movies.isEmpty()) {
                SqlArrayValue stale = array(movies);
                jdbc.update(SimilarMoviesSql.DELETE_PAIRS, stale);
                rows = jdbc.update(SimilarMoviesSql.INSERT_PAIRS, stale);
                jdbc.update(SimilarMoviesSql.CLEAR_STALE, stale, array(marks));
            }
            return new SimilarityRefreshReport(
                    movies.size(), rows, Duration.ofNanos(System.nanoTime() - started), false);
        }));
    }

    private static SqlArrayValue array(List<Long> values) {
        return new SqlArrayValue("bigint", values.toArray());
    }
}
