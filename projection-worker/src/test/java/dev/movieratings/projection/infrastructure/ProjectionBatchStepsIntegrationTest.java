package dev.movieratings.projection.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.rating.projection.WeightedRating;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every step of {@link ProjectionBatch} on the real writer, as the projector's role, against PostgreSQL: the diary,
 * the tags, the watchlist, the helpful counts and the similar-movies marks, each asserted on its own rows (the Lambda
 * tests beside this one cover the scores; projection-maintenance compares whole histories with a rebuild). Without
 * Spring, so a mutation run can afford it for every mutant; its rows are its own (fresh movies and users), so it
 * shares one database with the other classes of its JVM.
 */
class ProjectionBatchStepsIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");
    private static final AtomicLong MOVIES = new AtomicLong(7_000_000);
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static ProjectionWriter writer;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.shared();
        jdbc = database.jdbc();
        DataSource projector = database.as(DatabaseRole.PROJECTOR);
        writer = ProjectionWriter.live(JdbcClient.create(projector), WeightedRating.DEFAULT_MINIMUM_VOTES);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(projector));
    }

    @Test
    void diaryEntriesAreLoggedEditedAndDeletedAndAnErasureHidesTheOlderOnes() {
        long movie = newMovie();
        String user = "dia-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        var logged = new DiaryEntryLogged(
                UUID.randomUUID(), user, movie, 1, T0.plusSeconds(1), first, LocalDate.of(2026, 11, 1), false, 3.5);
        var edited = new DiaryEntryEdited(
                UUID.randomUUID(),
                user,
                movie,
                2,
                T0.plusSeconds(2),
                first,
                LocalDate.of(2026, 11, 2),
                true,
                4.0,
                T0.plusSeconds(1));
        var another = new DiaryEntryLogged(
                UUID.randomUUID(), user, movie, 3, T0.plusSeconds(3), second, LocalDate.of(2026, 11, 3), false, null);
        var deleted = new DiaryEntryDeleted(UUID.randomUUID(), user, movie, 4, T0.plusSeconds(4), second);
        List<StoredEvent> stored = append(logged, edited, another, deleted);

        // newest first and one by one: the table keeps each entry's highest version
        Map<UUID, ProjectionOutcome> outcomes = apply(List.of(stored.get(1), stored.get(3)));
        assertThat(outcomes).containsEntry(edited.eventId(), ProjectionOutcome.APPLIED);
        apply(List.of(stored.get(0)));
        apply(List.of(stored.get(2)));

        assertThat(diaryRow(first))
                .containsEntry("stream_version", 2)
                .containsEntry("watched_on", "2026-11-02")
                .containsEntry("rewatch", true)
                .containsEntry("stars", "4.0");
        assertThat(diaryRow(second))
                .as("a deleted entry stays as a tombstone, so its older log cannot bring it back")
                .containsEntry("stream_version", 4)
                .containsEntry("watched_on", null)
                .containsEntry("stars", null);
        assertThat(apply(List.of(stored.get(0)))).containsEntry(logged.eventId(), ProjectionOutcome.DUPLICATE);
        assertThat(scoreRows(movie))
                .as("a diary entry is no rating: no score row")
                .isZero();
        assertThat(timeline(user, movie)).as("nor a point of the score history").isEmpty();

        // two erasures in one batch, with an entry between them: the newer erasure's mark wins and hides the entry
        var erased = new RatingErased(UUID.randomUUID(), user, movie, 5, T0.plusSeconds(5), null, UUID.randomUUID());
        var between = new DiaryEntryLogged(
                UUID.randomUUID(),
                user,
                movie,
                6,
                T0.plusSeconds(6),
                UUID.randomUUID(),
                LocalDate.of(2026, 11, 6),
                false,
                null);
        var erasedAgain =
                new RatingErased(UUID.randomUUID(), user, movie, 7, T0.plusSeconds(7), null, UUID.randomUUID());
        var afterErasure = new DiaryEntryLogged(
                UUID.randomUUID(),
                user,
                movie,
                8,
                T0.plusSeconds(8),
                UUID.randomUUID(),
                LocalDate.of(2026, 11, 8),
                false,
                5.0);
        apply(append(erased, between, erasedAgain, afterErasure));

        assertThat(jdbc.sql("select entry_id, stream_version from projection.diary_entries where user_id = ?")
                        .param(user)
                        .query((rs, row) -> rs.getString(1) + "@" + rs.getInt(2))
                        .list())
                .as("the erasures deleted the stream's older entries and kept the newer one")
                .containsExactly(afterErasure.entryId() + "@8");
        assertThat(jdbc.sql("select stream_version from projection.diary_erasures where user_id = ? and movie_id = ?")
                        .params(user, movie)
                        .query(Integer.class)
                        .single())
                .isEqualTo(7);
    }

    @Test
    void tagsGoOnAndOffInAnyOrderAndAnErasureTurnsOffTheOlderOnes() {
        long movie = newMovie();
        String user = "tag-" + UUID.randomUUID();
        UUID gloomy = UUID.randomUUID();
        UUID funny = UUID.randomUUID();
        List<StoredEvent> stored = append(
                new MovieTagged(UUID.randomUUID(), user, movie, 1, T0.plusSeconds(1), gloomy),
                new MovieTagged(UUID.randomUUID(), user, movie, 2, T0.plusSeconds(2), funny),
                new MovieUntagged(UUID.randomUUID(), user, movie, 3, T0.plusSeconds(3), gloomy, null));

        apply(List.of(stored.get(2), stored.get(1)));
        apply(List.of(stored.get(0))); // the older tagging arrives last: the untagging's tombstone keeps it off

        assertThat(tags(user, movie)).containsExactlyInAnyOrder(gloomy + "@3=false", funny + "@2=true");
        assertThat(tagStream(user, movie)).isEqualTo("3/0");

        apply(append(new MovieUntagged(UUID.randomUUID(), user, movie, 4, T0.plusSeconds(4), null, UUID.randomUUID())));

        assertThat(tags(user, movie)).containsExactlyInAnyOrder(gloomy + "@3=false", funny + "@2=false");
        assertThat(tagStream(user, movie)).isEqualTo("4/4");
    }

    @Test
    void helpfulVotesAreCountedPerReviewAndTheEndOfTheReviewCountsThemOut() {
        long movie = newMovie();
        String author = "author-" + UUID.randomUUID();
        UUID review = UUID.randomUUID();
        var written = new RatingSubmitted(
                UUID.randomUUID(), author, movie, 1, T0.plusSeconds(1), 4.0, null, T0, new Review(null, false));
        List<StoredEvent> stored = append(
                written,
                new ReviewMarkedHelpful(UUID.randomUUID(), "v1-" + author, movie, 1, T0.plusSeconds(2), review, author),
                new ReviewMarkedHelpful(UUID.randomUUID(), "v2-" + author, movie, 1, T0.plusSeconds(3), review, author),
                new ReviewUnmarkedHelpful(
                        UUID.randomUUID(), "v2-" + author, movie, 2, T0.plusSeconds(4), review, author, null),
                new ReviewMarkedHelpful(
                        UUID.randomUUID(), "v3-" + author, movie, 1, T0.plusSeconds(5), review, author));
        UUID unmarked = stored.get(3).event().eventId();
        UUID olderMark = stored.get(2).event().eventId();

        assertThat(apply(List.of(stored.get(0), stored.get(1), stored.get(3))))
                .containsEntry(stored.get(1).event().eventId(), ProjectionOutcome.APPLIED)
                .containsEntry(unmarked, ProjectionOutcome.APPLIED);
        assertThat(apply(List.of(stored.get(2), stored.get(4))))
                .as("v2's older vote, applied after its unmarking, beside v3's first")
                .containsEntry(olderMark, ProjectionOutcome.STALE)
                .containsEntry(stored.get(4).event().eventId(), ProjectionOutcome.APPLIED);
        assertThat(helpfulCount(review)).isEqualTo(2L);

        apply(append(new RatingRetracted(UUID.randomUUID(), author, movie, 2, T0.plusSeconds(6), 4.0)));

        assertThat(helpfulCount(review))
                .as("the retraction ended the review: its count is kept at 0")
                .isEqualTo(0L);
    }

    @Test
    void theWatchlistKeepsEachStreamsNewestEventAndARatingAfterTheListingTakesTheFilmOff() {
        long movie = newMovie();
        String user = "list-" + UUID.randomUUID();
        List<StoredEvent> listing = append(
                new MovieWatchlisted(UUID.randomUUID(), user, movie, 1, T0.plusSeconds(1)),
                new MovieUnwatchlisted(UUID.randomUUID(), user, movie, 2, T0.plusSeconds(2), null),
                new MovieWatchlisted(UUID.randomUUID(), user, movie, 3, T0.plusSeconds(3)));

        Map<UUID, ProjectionOutcome> newest = apply(List.of(listing.get(2)));
        Map<UUID, ProjectionOutcome> older = apply(List.of(listing.get(1), listing.get(0)));

        assertThat(newest).containsEntry(listing.get(2).event().eventId(), ProjectionOutcome.APPLIED);
        assertThat(older)
                .as("older events of the stream, applied after the newest, are stale")
                .containsEntry(listing.get(0).event().eventId(), ProjectionOutcome.STALE)
                .containsEntry(listing.get(1).event().eventId(), ProjectionOutcome.STALE);
        assertThat(watchlist(user, movie)).isEqualTo("v3 listed=true on=true");
        assertThat(scoreRows(movie))
                .as("a watchlist event is no rating: no score row")
                .isZero();
        assertThat(timeline(user, movie)).as("nor a point of the score history").isEmpty();

        apply(append(submitted(user, movie, 1, 4.0, null)));

        assertThat(watchlist(user, movie)).isEqualTo("v3 listed=true on=false");

        var off = new MovieUnwatchlisted(UUID.randomUUID(), user, movie, 4, T0.plusSeconds(4), null);
        assertThat(apply(append(off))).containsEntry(off.eventId(), ProjectionOutcome.APPLIED);
        assertThat(watchlist(user, movie)).isEqualTo("v4 listed=false on=false");
    }

    @Test
    void aMovieIsMarkedForTheSimilarMoviesRefreshOnlyWhenALikeStartsOrStops() {
        long movie = newMovie();
        String user = "likes-" + UUID.randomUUID();
        List<String> totals = List.of(totals());
        apply(append(submitted(user, movie, 1, 3.5, null)));
        assertThat(staleMarks(movie)).as("3.5 stars is no like").isZero();
        assertThat(List.of(totals(), scoreOf(movie)))
                .as("the global totals and the movie's score")
                .containsExactly(plus(totals.get(0), 1, "3.5"), "1 ratings, sum 3.5, histogram {0,0,0,0,0,0,1,0,0,0}");

        apply(append(submitted(user, movie, 2, 4.0, 3.5)));
        assertThat(staleMarks(movie)).as("4.0 stars starts a like").isEqualTo(1);

        apply(append(submitted(user, movie, 3, 5.0, 4.0)));
        assertThat(staleMarks(movie)).as("still a like: no new mark").isEqualTo(1);

        apply(append(new RatingRetracted(UUID.randomUUID(), user, movie, 4, T0.plusSeconds(4), 5.0)));
        assertThat(staleMarks(movie)).as("the like stopped: one mark more").isEqualTo(2);
    }

    @Test
    void theScoreHistoryHasEachRatingOnceAtItsTimeAndTheDaysCounts() {
        long movie = newMovie();
        String user = "hist-" + UUID.randomUUID();
        List<StoredEvent> stored = append(submitted(user, movie, 1, 2.0, null), submitted(user, movie, 2, 4.5, 2.0));

        apply(List.of(stored.get(1)));
        apply(stored);

        assertThat(timeline(user, movie)).containsExactly("v1 2.0", "v2 4.5");
        assertThat(jdbc.sql("select day::text || ' ' || rating_count || ' ' || stars_sum || ' ' || histogram::text"
                                + " from projection.movie_score_history where movie_id = ?")
                        .param(movie)
                        .query(String.class)
                        .list())
                .as("the day's end state: one rating of 4.5, whatever the order of arrival")
                .containsExactly("2026-12-02 1 4.5 {0,0,0,0,0,0,0,0,1,0}");
    }

    @Test
    void aFailureIsNotedTrimmedUnderItsSubjectAndTheWatermarkPassesWhatIsApplied() {
        String message = "m-" + UUID.randomUUID();
        UUID event = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            writer.recordFailure(null, message, "x".repeat(2_500));
            writer.recordFailure(event, message, "short");
        });
        assertThat(jdbc.sql("select subject || ' ' || length(error) from ops.projection_failures"
                                + " where message_id = ? order by subject")
                        .param(message)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(event + " 5", "message:" + message + " 2000");

        long movie = newMovie();
        List<StoredEvent> stored = append(submitted("wm-" + UUID.randomUUID(), movie, 1, 3.0, null));
        apply(stored);
        Long moved = transaction.execute(status -> writer.advanceWatermark());
        assertThat(moved).isGreaterThanOrEqualTo(stored.get(0).position());
        assertThat(ProjectionWriter.advanceLiveWatermark(jdbc)).isEqualTo(moved);
    }

    @Test
    void anErasuresAuditRecordIsAppliedAndChangesNoRow() {
        String user = "erased-" + UUID.randomUUID();
        String totalsBefore = totals();
        PersonErased erased = new PersonErased(UUID.randomUUID(), user, 1, T0.plusSeconds(1), UUID.randomUUID(), 0);

        Map<UUID, ProjectionOutcome> outcomes = apply(append(erased));

        // applied, not stale: a stale count would tell ops that erasures arrive out of order
        assertThat(outcomes).containsExactly(Map.entry(erased.eventId(), ProjectionOutcome.APPLIED));
        assertThat(jdbc.sql("select count(*) from projection.user_ratings where user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(scoreRows(RatingEvent.NO_FILM)).isZero();
        assertThat(totals()).isEqualTo(totalsBefore);
    }

    private static Map<UUID, ProjectionOutcome> apply(List<StoredEvent> batch) {
        return transaction.execute(status -> ProjectionBatch.apply(writer, batch));
    }

    private static List<StoredEvent> append(RatingEvent... events) {
        List<StoredEvent> stored = new ArrayList<>();
        for (RatingEvent event : events) {
            stored.add(new StoredEvent(EventTable.append(database.administrator(), event), event));
        }
        return stored;
    }

    private static long newMovie() {
        long id = MOVIES.incrementAndGet();
        jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(id, "Movie " + id)
                .update();
        return id;
    }

    private static RatingSubmitted submitted(String user, long movie, int version, double stars, Double previous) {
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, version, T0.plusSeconds(version), stars, previous, T0, null);
    }

    private static Map<String, Object> diaryRow(UUID entry) {
        return jdbc.sql("select stream_version, watched_on::text as watched_on, rewatch, stars::text as stars"
                        + " from projection.diary_entries where entry_id = ?")
                .param(entry)
                .query()
                .singleRow();
    }

    private static List<String> tags(String user, long movie) {
        return jdbc.sql("select tag_id, stream_version, tagged from projection.user_tags"
                        + " where user_id = ? and movie_id = ?")
                .params(user, movie)
                .query((rs, row) -> rs.getString(1) + "@" + rs.getInt(2) + "=" + rs.getBoolean(3))
                .list();
    }

    private static String tagStream(String user, long movie) {
        return jdbc.sql("select stream_version || '/' || erased_version from projection.tag_streams"
                        + " where user_id = ? and movie_id = ?")
                .params(user, movie)
                .query(String.class)
                .single();
    }

    private static String watchlist(String user, long movie) {
        return jdbc.sql("select 'v' || stream_version || ' listed=' || listed || ' on=' || on_list"
                        + " from projection.watchlist where user_id = ? and movie_id = ?")
                .params(user, movie)
                .query(String.class)
                .single();
    }

    private static Long helpfulCount(UUID review) {
        return jdbc.sql("select helpful_count from projection.helpful_counts where review_id = ?")
                .param(review)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private static long scoreRows(long movie) {
        return jdbc.sql("select count(*) from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query(Long.class)
                .single();
    }

    private static String scoreOf(long movie) {
        return jdbc.sql("select rating_count || ' ratings, sum ' || stars_sum || ', histogram ' || histogram::text"
                        + " from projection.movie_scores where movie_id = ?")
                .param(movie)
                .query(String.class)
                .single();
    }

    private static String totals() {
        return jdbc.sql("select rating_count || ' ' || stars_sum from projection.rating_totals")
                .query(String.class)
                .single();
    }

    private static String plus(String totals, long ratings, String stars) {
        String[] parts = totals.split(" ");
        return (Long.parseLong(parts[0]) + ratings) + " "
                + new java.math.BigDecimal(parts[1]).add(new java.math.BigDecimal(stars));
    }

    private static List<String> timeline(String user, long movie) {
        return jdbc.sql("select 'v' || stream_version || ' ' || coalesce(stars::text, 'none')"
                        + " from projection.score_timeline where user_id = ? and movie_id = ? order by stream_version")
                .params(user, movie)
                .query(String.class)
                .list();
    }

    private static long staleMarks(long movie) {
        return jdbc.sql("select coalesce(max(marks), 0) from projection.similarity_stale where movie_id = ?")
                .param(movie)
                .query(Long.class)
                .single();
    }
}
