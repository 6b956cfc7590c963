package dev.movieratings.projection.maintenance.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.application.ProjectionBatch;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import dev.movieratings.projection.maintenance.application.Projection;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.rating.projection.WeightedRating;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilding one projection by name: it is rebuilt from exactly the events the live projections hold (not
 * an event still failing above the watermark, not a parked one), and only it is replaced; the others keep
 * even their damage, the watermark and the applied events stay, and a later application of the held-back
 * event counts it once.
 */
class OneProjectionRebuildIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private EmbeddedDatabase database;
    private DatabaseLogins logins;
    private JdbcClient jdbc;

    @BeforeEach
    void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("insert into movies (movie_id, title) values (1, 'One'), (2, 'Two')")
                .update();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void eachProjectionIsRebuiltAloneFromTheEventsTheLiveOnesHold() {
        append(rating("alice", 1, 4.0, new Review("Loved it", false)));
        append(rating("bob", 1, 3.0, null));
        append(rating("dave", 2, 0.5, new Review("No.", true)));
        append(rating("gina", 2, 5.0, null));
        // issue 20: alice's film is on her list; erin's too, until her rating (held back below) is applied
        append(new MovieWatchlisted(UUID.randomUUID(), "alice", 2, 1, T0));
        append(new MovieWatchlisted(UUID.randomUUID(), "erin", 1, 1, T0));
        // issue 20: ivan logged a first viewing of film 2, without stars
        append(new DiaryEntryLogged(
                UUID.randomUUID(), "ivan", 2, 1, T0, UUID.randomUUID(), LocalDate.parse("2026-02-27"), false, null));
        maintenance().rebuildAll();
        // parked: the watermark passed it, it is not applied; then one that fails, above the watermark
        long parked = append(rating("hank", 1, 1.0, null));
        jdbc.sql("insert into ops.parked_events (position, event_id, reason, parked_by)"
                        + " select position, event_id, 'test', 'test' from rating_events where position = ?")
                .param(parked)
                .update();
        ProjectionWriter.advanceLiveWatermark(jdbc);
        long failing = append(rating("erin", 1, 2.5, null));
        long watermark = number("select position from projection.watermark");
        assertThat(watermark).isEqualTo(parked);
        jdbc.sql("update projection.movie_scores set rating_count = 99, review_count = 7 where movie_id = 2")
                .update();
        jdbc.sql("update projection.user_ratings set stars = 1.0 where user_id = 'gina'")
                .update();
        jdbc.sql("update projection.user_ratings set review_spoiler = false where user_id = 'dave'")
                .update();
        jdbc.sql("update projection.movie_score_history set rating_count = 99 where movie_id = 2")
                .update();
        jdbc.sql("insert into projection.similar_movies (movie_id, similar_id, co_likes, movie_likes, similar_likes)"
                        + " values (1, 2, 9, 9, 9), (2, 1, 9, 9, 9)")
                .update();
        jdbc.sql("insert into projection.similarity_stale (movie_id) values (1)")
                .update();
        jdbc.sql("update projection.diary_entries set rewatch = true where user_id = 'ivan'")
                .update();
        String ratingsBefore = rows("projection.user_ratings", "user_id, movie_id");

        maintenance().rebuild(Projection.SCORES, RebuildProgress.SILENT);

        assertThat(number("select rating_count from projection.movie_scores where movie_id = 1"))
                .as("neither the parked nor the failing event is folded in")
                .isEqualTo(2);
        assertThat(number("select rating_count from projection.movie_scores where movie_id = 2"))
                .isEqualTo(2);
        assertThat(number("select review_count from projection.movie_scores where movie_id = 2"))
                .isEqualTo(1);
        assertThat(rows("projection.user_ratings", "user_id, movie_id"))
                .as("the per-user ratings are not touched")
                .isEqualTo(ratingsBefore);
        assertThat(number("select position from projection.watermark")).isEqualTo(watermark);

        maintenance().rebuild(Projection.REVIEWS, RebuildProgress.SILENT);
        assertThat(text("select review_spoiler::text from projection.user_ratings where user_id = 'dave'"))
                .isEqualTo("true");
        assertThat(text("select stars::text from projection.user_ratings where user_id = 'gina'"))
                .as("reviews only")
                .isEqualTo("1.0");

        maintenance().rebuild(Projection.RATINGS, RebuildProgress.SILENT);
        assertThat(text("select stars::text from projection.user_ratings where user_id = 'gina'"))
                .isEqualTo("5.0");
        assertThat(number("select rating_count from projection.movie_score_history where movie_id = 2"))
                .as("the score history is its own projection")
                .isEqualTo(99);

        maintenance().rebuild(Projection.HISTORY, RebuildProgress.SILENT);
        assertThat(number("select rating_count from projection.movie_score_history where movie_id = 2"))
                .isEqualTo(2);
        assertThat(number("select rating_count from projection.movie_score_history where movie_id = 1"))
                .as("the history leaves out the parked and the failing event too")
                .isEqualTo(2);
        assertThat(number("select count(*) from projection.similar_movies")).isEqualTo(2);

        maintenance().rebuild(Projection.SIMILAR, RebuildProgress.SILENT);
        assertThat(number("select count(*) from projection.similar_movies"))
                .as("two likers are too few for a pair")
                .isZero();
        assertThat(number("select count(*) from projection.similarity_stale")).isZero();

        assertThat(text("select rewatch::text from projection.diary_entries where user_id = 'ivan'"))
                .as("the diary is rebuilt by none of the rating projections")
                .isEqualTo("true");
        maintenance().rebuild(Projection.DIARY, RebuildProgress.SILENT);
        assertThat(text("select rewatch::text || ' ' || watched_on from projection.diary_entries"
                        + " where user_id = 'ivan'"))
                .isEqualTo("false 2026-02-27");

        jdbc.sql("update projection.watchlist set listed = false where user_id = 'alice'")
                .update();
        maintenance().rebuild(Projection.WATCHLIST, RebuildProgress.SILENT);
        assertThat(text("select on_list::text from projection.watchlist where user_id = 'alice'"))
                .isEqualTo("true");
        assertThat(text("select on_list::text from projection.watchlist where user_id = 'erin'"))
                .as("erin's rating is held back, so it does not take her film off")
                .isEqualTo("true");
        VerificationReport verified = maintenance().verify();
        assertThat(verified.differences()).isEmpty();
        assertThat(verified.parked()).isEqualTo(1);

        applyLive(failing);
        assertThat(number("select rating_count from projection.movie_scores where movie_id = 1"))
                .as("the held-back event, applied after the rebuild, counts once")
                .isEqualTo(3);
        assertThat(text("select on_list::text from projection.watchlist where user_id = 'erin'"))
                .as("and takes erin's film off her list")
                .isEqualTo("false");
        assertThat(maintenance().verify().differences()).isEmpty();
        assertThat(number("select count(*) from information_schema.schemata"
                        + " where schema_name = 'projection_rebuild'"))
                .isZero();
    }

    @Test
    void anUnknownProjectionIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Projection.named("histogram"))
                .hasMessage(
                        "there is no projection 'histogram'; one of all, scores, ratings, reviews, history, similar,"
                                + " diary, watchlist, helpful, tags");
    }

    /**
     * Tags (issue 19): the live projector, fed the events in reverse order, ends where the rebuild does; verify names
     * a tampered row, and rebuilding the tags alone puts it right without touching the watchlist.
     */
    @Test
    void theTagsAreRebuiltAloneAndTheLiveProjectorAgreesInAnyOrder() {
        UUID funny = UUID.randomUUID();
        UUID dark = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        List<Long> positions = List.of(
                append(new MovieTagged(UUID.randomUUID(), "alice", 1, 1, T0, funny)),
                append(new MovieTagged(UUID.randomUUID(), "alice", 1, 2, T0, dark)),
                append(new MovieUntagged(UUID.randomUUID(), "alice", 1, 3, T0, funny, null)),
                append(new MovieTagged(UUID.randomUUID(), "bob", 1, 1, T0, gone)),
                append(new MovieUntagged(UUID.randomUUID(), "bob", 1, 2, T0, null, UUID.randomUUID())),
                append(new MovieWatchlisted(UUID.randomUUID(), "alice", 2, 1, T0)));
        for (int i = positions.size() - 1; i >= 0; i--) {
            applyLive(positions.get(i));
        }
        String live = rows("projection.user_tags", "user_id, stream_version") + "\n"
                + rows("projection.tag_streams", "user_id");
        assertThat(maintenance().verify().differences()).isEmpty();

        maintenance().rebuildAll();
        assertThat(rows("projection.user_tags", "user_id, stream_version") + "\n"
                        + rows("projection.tag_streams", "user_id"))
                .as("live, in reverse order, = rebuild")
                .isEqualTo(live);
        assertThat(text("select string_agg(tag_id::text, ',') from projection.user_tags where tagged"))
                .isEqualTo(dark.toString());

        jdbc.sql("update projection.user_tags set tagged = true where user_id = 'bob'")
                .update();
        jdbc.sql("update projection.watchlist set listed = false").update();
        assertThat(maintenance().verify().differences())
                .extracting(VerificationReport.Difference::table)
                .contains("user_tags");

        maintenance().rebuild(Projection.TAGS, RebuildProgress.SILENT);
        assertThat(number("select count(*) from projection.user_tags where tagged"))
                .isEqualTo(1);
        assertThat(text("select listed::text from projection.watchlist"))
                .as("tags only")
                .isEqualTo("false");
    }

    /**
     * Helpful counts stored per review (V121): the live projector, fed the events in reverse order, stores the
     * counts a rebuild makes (a vote taken back leaves its review at 0, the end of a review takes its votes off);
     * verify names a tampered count, and rebuilding the helpful projection alone puts it right.
     */
    @Test
    void theHelpfulCountsAreStoredAsTheRebuildMakesThemAndRebuiltAlone() {
        UUID kept = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        List<Long> positions = List.of(
                append(rating("alice", 1, 4.0, new Review(null, false))),
                append(rating("bob", 2, 3.0, new Review(null, false))),
                append(new ReviewMarkedHelpful(UUID.randomUUID(), "carol", 1, 1, T0, kept, "alice")),
                append(new ReviewMarkedHelpful(UUID.randomUUID(), "dave", 1, 1, T0, kept, "alice")),
                append(new ReviewMarkedHelpful(UUID.randomUUID(), "erin", 1, 1, T0, kept, "alice")),
                append(new ReviewUnmarkedHelpful(UUID.randomUUID(), "erin", 1, 2, T0, kept, "alice", null)),
                append(new ReviewMarkedHelpful(UUID.randomUUID(), "carol", 2, 1, T0, ended, "bob")),
                append(new RatingRetracted(UUID.randomUUID(), "bob", 2, 2, T0, 3.0)));
        for (int i = positions.size() - 1; i >= 0; i--) {
            applyLive(positions.get(i));
        }
        String live = rows("projection.helpful_counts", "review_id");
        assertThat(maintenance().verify().differences()).isEmpty();

        maintenance().rebuildAll();
        assertThat(rows("projection.helpful_counts", "review_id"))
                .as("live, in reverse order, = rebuild")
                .isEqualTo(live);
        assertThat(text("select string_agg(review_id || ' ' || helpful_count, ',' order by helpful_count)"
                        + " from projection.helpful_counts"))
                .isEqualTo(ended + " 0," + kept + " 2");

        jdbc.sql("update projection.helpful_counts set helpful_count = 7").update();
        jdbc.sql("update projection.watchlist set listed = false").update();
        assertThat(maintenance().verify().differences())
                .extracting(VerificationReport.Difference::table)
                .contains("helpful_counts");

        maintenance().rebuild(Projection.HELPFUL, RebuildProgress.SILENT);
        assertThat(rows("projection.helpful_counts", "review_id")).isEqualTo(live);
    }

    private void applyLive(long position) {
        List<dev.movieratings.eventstore.StoredEvent> events = new EventTable(jdbc).atPositions(List.of(position));
        new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()))
                .executeWithoutResult(status -> ProjectionBatch.apply(
                        ProjectionWriter.live(jdbc, WeightedRating.DEFAULT_MINIMUM_VOTES), events));
        ProjectionWriter.advanceLiveWatermark(jdbc);
    }

    private static RatingSubmitted rating(String user, long movie, double stars, Review review) {
        return new RatingSubmitted(UUID.randomUUID(), user, movie, 1, T0, stars, null, T0, review);
    }

    private long append(RatingEvent event) {
        return EventTable.append(database.dataSource(), event);
    }

    private ProjectionMaintenance maintenance() {
        // as the ops function runs it: its role may read the live tables but only the owner replaces them
        return JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS));
    }

    private long number(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private String text(String sql) {
        return jdbc.sql(sql).query(String.class).single();
    }

    private String rows(String table, String order) {
        return text("select string_agg(t::text, chr(10) order by " + order + ") from " + table + " t");
    }
}
