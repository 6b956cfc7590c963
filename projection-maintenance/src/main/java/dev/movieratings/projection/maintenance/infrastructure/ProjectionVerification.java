// Over 250 lines: every projection table compared with one fold of the events, so the checks cannot drift apart.
package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.projection.infrastructure.UserRatingRows;
import dev.movieratings.projection.maintenance.application.ProjectionVerifier;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.diary.DiaryFold;
import dev.movieratings.rating.helpful.HelpfulVotesFold;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.ScoreHistory;
import dev.movieratings.rating.projection.UserRating;
import dev.movieratings.rating.tag.TagFold;
import dev.movieratings.rating.watchlist.WatchlistFold;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the projections from the events and compares them with the live tables. Works while
 * traffic continues: in one repeatable-read snapshot it folds exactly the events the live tables say
 * they applied — every event at or below the watermark, and above it the events recorded in
 * applied_events — with {@link ProjectionFold}, the projector's math in Java, and compares row by row.
 * An event missing from the tables, or one applied that should not have been, shows as a difference.
 * An event an operator parked and nobody has applied since is decided but not applied: it is left out
 * of the fold and counted in the report, not called a difference. It also names every review text the
 * personal store still keeps for a stream whose latest event has no review (after a retraction or an
 * erasure nothing of the text may remain).
 */
public final class ProjectionVerification implements ProjectionVerifier {

    private static final String APPLIED_ABOVE_WATERMARK = """
            select position from projection.applied_events where position > ? order by position""";
    private static final String APPLIED_WITHOUT_EVENT = """
            select a.position from projection.applied_events a
            where not exists (select 1 from rating_events e where e.position = a.position)
            limit 100""";
    private static final String PARKED_NOT_APPLIED = """
            select p.position from ops.parked_events p
            where p.replayed_at is null and p.position <= ?
              and not exists (select 1 from projection.applied_events a where a.position = p.position)""";

    /**
     * Review texts the personal store keeps although their stream moved on (retracted, erased, rated
     * again): personal content that should be gone. Reads only the keys, never a text.
     */
    private static final String TEXTS_KEPT_TOO_LONG = """
            select t.user_id, t.movie_id, t.stream_version from personal.review_texts t
            where not exists (
                select 1 from rating_events e
                where e.user_id = t.user_id and e.movie_id = t.movie_id and e.stream = 'rating'
                  and e.stream_version = t.stream_version
                  and e.event_type = 'RatingSubmitted' and jsonb_typeof(e.payload -> 'review') = 'object'
                  and not exists (select 1 from rating_events n
                                  where n.user_id = e.user_id and n.movie_id = e.movie_id and n.stream = 'rating'
                                    and n.stream_version > e.stream_version
                                    and n.event_type not in ('DiaryEntryLogged', 'DiaryEntryEdited',
                                                             'DiaryEntryDeleted')))
            order by t.user_id, t.movie_id
            limit 100""";

    private final JdbcTemplate jdbc;
    private final EventTable events;
    private final TransactionTemplate snapshot;

    public ProjectionVerification(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(5_000);
        this.events = new EventTable(JdbcClient.create(jdbc));
        this.snapshot = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @Override
    public VerificationReport verify() {
        return snapshot.execute(status -> {
            long watermark = Objects.requireNonNull(
                    jdbc.queryForObject("select position from projection.watermark", Long.class));
            List<VerificationReport.Difference> differences = new ArrayList<>();
            jdbc.query(APPLIED_WITHOUT_EVENT, rs -> {
                differences.add(new VerificationReport.Difference(
                        "applied_events", "position " + rs.getLong(1), "an event in the event table", "no such event"));
            });
            // applied: every event at or below the watermark, and above it those the projector recorded
            ProjectionFold fold = new ProjectionFold();
            ScoreHistory history = new ScoreHistory();
            DiaryFold diary = new DiaryFold();
            WatchlistFold watchlist = new WatchlistFold();
            HelpfulVotesFold helpful = new HelpfulVotesFold();
            TagFold tags = new TagFold();
            Set<Long> parked = new HashSet<>(jdbc.queryForList(PARKED_NOT_APPLIED, Long.class, watermark));
            events.forEachBetween(0, watermark, stored -> {
                if (!parked.contains(stored.position())) {
                    fold.apply(stored.event());
                    history.add(stored.event());
                    diary.apply(stored.event());
                    watchlist.apply(stored.position(), stored.event());
                    helpful.apply(stored.position(), stored.event());
                    tags.apply(stored.event());
                }
            });
            events.atPositions(jdbc.queryForList(APPLIED_ABOVE_WATERMARK, Long.class, watermark))
                    .forEach(stored -> {
                        fold.apply(stored.event());
                        history.add(stored.event());
                        diary.apply(stored.event());
                        watchlist.apply(stored.position(), stored.event());
                        helpful.apply(stored.position(), stored.event());
                        tags.apply(stored.event());
                    });
            compareRatings(fold, differences);
            compareScores(fold, differences);
            compareTotals(fold, differences);
            compareListScores(differences);
            jdbc.query(TEXTS_KEPT_TOO_LONG, rs -> {
                differences.add(new VerificationReport.Difference(
                        "personal.review_texts",
                        rs.getString(1) + " / movie " + rs.getLong(2),
                        "no text: the stream's latest event has no review",
                        "a text kept for version " + rs.getInt(3)));
            });
            HistoryVerification.compare(jdbc, history, fold.events(), differences);
            SimilarityVerification.compare(jdbc, fold, differences);
            DiaryVerification.compare(jdbc, diary, differences);
            WatchlistVerification.compare(jdbc, watchlist, differences);
            HelpfulVerification.compare(jdbc, helpful, differences);
            TagVerification.compare(jdbc, tags, differences);
            return new VerificationReport(fold.events(), watermark, parked.size(), differences);
        });
    }

    /** Streams the table's rows against the fold, so only the fold is held in memory (millions of ratings). */
    private void compareRatings(ProjectionFold fold, List<VerificationReport.Difference> differences) {
        long[] matched = {0};
        jdbc.query("select * from projection.user_ratings", rs -> {
            UserRating found = UserRatingRows.read(rs);
            UserRating expected = fold.stream(found.userId(), found.movieId());
            if (expected == null) {
                differences.add(
                        new VerificationReport.Difference("user_ratings", key(found), "no row", describe(found)));
            } else {
                matched[0]++;
                if (!describe(expected).equals(describe(found))) {
                    differences.add(new VerificationReport.Difference(
                            "user_ratings", key(found), describe(expected), describe(found)));
                }
            }
        });
        if (matched[0] != fold.streams().size()) {
            Set<String> present = new HashSet<>();
            jdbc.query("select user_id, movie_id from projection.user_ratings", rs -> {
                present.add(rs.getString(1) + " / movie " + rs.getLong(2));
            });
            fold.streams().stream()
                    .filter(rating -> !present.contains(key(rating)))
                    .sorted(Comparator.comparing(ProjectionVerification::key))
                    .forEach(rating -> differences.add(new VerificationReport.Difference(
                            "user_ratings", key(rating), describe(rating), "no row")));
        }
    }

    private static String key(UserRating rating) {
        return rating.userId() + " / movie " + rating.movieId();
    }

    private void compareScores(ProjectionFold fold, List<VerificationReport.Difference> differences) {
        Map<String, String> expected = new HashMap<>();
        for (MovieScore score : fold.scores()) {
            expected.put(
                    "movie " + score.movieId(),
                    describe(
                            score.ratingCount(),
                            score.starsSum(),
                            score.histogram(),
                            score.reviewCount(),
                            fold.lastRatedAt(score.movieId())));
        }
        Map<String, String> actual = new HashMap<>();
        jdbc.query("select * from projection.movie_scores", rs -> {
            Array histogram = rs.getArray("histogram");
            Timestamp last = rs.getTimestamp("last_rated_at");
            actual.put(
                    "movie " + rs.getLong("movie_id"),
                    describe(
                            rs.getLong("rating_count"),
                            rs.getBigDecimal("stars_sum"),
                            Arrays.stream((Long[]) histogram.getArray())
                                    .mapToLong(Long::longValue)
                                    .toArray(),
                            rs.getLong("review_count"),
                            last == null ? null : last.toInstant()));
        });
        compare("movie_scores", expected, actual, differences);
    }

    private void compareTotals(ProjectionFold fold, List<VerificationReport.Difference> differences) {
        BigDecimal sum = fold.scores().stream().map(MovieScore::starsSum).reduce(BigDecimal.ZERO, BigDecimal::add);
        String expected = fold.currentRatings() + " ratings, sum "
                + sum.stripTrailingZeros().toPlainString();
        String actual = jdbc.queryForObject(
                "select rating_count || ' ratings, sum ' || trim_scale(stars_sum)::text from projection.rating_totals",
                String.class);
        if (!expected.equals(actual)) {
            differences.add(new VerificationReport.Difference("rating_totals", "all", expected, actual));
        }
    }

    /**
     * The lists' contract: every stored weighted rating is exactly the movie's with the stored list
     * basis. The basis's C itself may lag the exact C by design (RESCORE_IF_DRIFTED in ProjectionSql).
     */
    private void compareListScores(List<VerificationReport.Difference> differences) {
        jdbc.query("""
                select 'movie ' || s.movie_id as key, s.weighted::text as actual,
                       ((s.stars_sum + t.list_min_votes * t.list_mean) / (s.rating_count + t.list_min_votes))::text
                           as expected
                from projection.movie_scores s, projection.rating_totals t
                where s.rating_count > 0 and s.weighted is distinct from
                          (s.stars_sum + t.list_min_votes * t.list_mean) / (s.rating_count + t.list_min_votes)
                   or s.rating_count = 0 and s.weighted is not null
                order by s.movie_id limit 20""", rs -> {
            differences.add(new VerificationReport.Difference(
                    "movie_scores.weighted", rs.getString("key"), rs.getString("expected"), rs.getString("actual")));
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
            if (!expected.containsKey(key) && !isEmptyScore(found)) {
                differences.add(new VerificationReport.Difference(table, key, "no row", found));
            }
        });
    }

    /** A score row left at zero by ratings that were all withdrawn is the same as no row. */
    private static boolean isEmptyScore(String description) {
        return description.startsWith("count 0, sum 0, histogram [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], reviews 0");
    }

    private static String describe(UserRating rating) {
        return "version " + rating.version() + ", stars "
                + (rating.stars() == null ? "none" : rating.stars().decimal())
                + ", review "
                + (rating.review() == null ? "none" : rating.review().spoiler() ? "present (spoiler)" : "present")
                + ", since " + micros(rating.ratedSince()) + ", updated " + micros(rating.updatedAt());
    }

    private static String describe(
            long count, BigDecimal sum, long[] histogram, long reviews, @Nullable Instant lastRated) {
        return "count " + count + ", sum " + sum.stripTrailingZeros().toPlainString() + ", histogram "
                + Arrays.toString(histogram) + ", reviews " + reviews + ", last rated " + micros(lastRated);
    }

    private static String micros(@Nullable Instant instant) {
        return instant == null
                ? "never"
                : instant.truncatedTo(ChronoUnit.MICROS).toString();
    }
}
