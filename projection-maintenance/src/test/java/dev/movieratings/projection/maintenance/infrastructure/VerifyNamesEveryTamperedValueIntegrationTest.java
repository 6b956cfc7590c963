package dev.movieratings.projection.maintenance.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.testsupport.MigratedDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verify is only worth running if it notices any wrong value: each case changes one projected value
 * (or adds or removes one row) behind the projector's back, and verify must name that table and row.
 * Each case starts from the rows a rebuild of the events wrote, and verify finds them clean.
 */
class VerifyNamesEveryTamperedValueIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    // a new version of the stream of user 'late', never applied, and the watermark moved past it; the rebuild before
    // the next case folds it in like any other event
    private static final String LATE_EVENT_THEN_WATERMARK = """
            insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version,
                                       occurred_at, payload)
            select id, 'RatingSubmitted', 1, 'late', 2, version, '2026-03-02T00:00:00Z',
                   jsonb_build_object('type', 'RatingSubmitted', 'schemaVersion', 1, 'eventId', id, 'userId', 'late',
                                      'movieId', 2, 'streamVersion', version, 'occurredAt', '2026-03-02T00:00:00Z',
                                      'stars', 4.0, 'ratedSince', '2026-03-02T00:00:00Z')
            from (select gen_random_uuid() as id, count(*)::int + 1 as version
                  from rating_events where user_id = 'late') as next;
            update projection.watermark set position = (select max(position) from rating_events)
            """;
    private static final UUID KEPT = UUID.fromString("00000000-0000-4000-8000-0000000000d1");
    private static final UUID DELETED = UUID.fromString("00000000-0000-4000-8000-0000000000d2");
    private static final UUID ERASED = UUID.fromString("00000000-0000-4000-8000-0000000000d3");
    private static final LocalDate DAY = LocalDate.parse("2026-02-28");
    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static long eventsWhenKept = -1;

    /**
     * Once per JVM: a mutation run (PIT) runs the cases again for every mutant in one JVM. The events are appended
     * here once; the late case appends one more each time it runs, and the case after it rebuilds.
     */
    @BeforeAll
    static synchronized void start() {
        if (database != null) {
            return;
        }
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        MigratedDatabase.stopWhenThisJvmEnds(database);
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("insert into movies (movie_id, title) values (1, 'One'), (2, 'Two'), (3, 'Three'), (4, 'Four')")
                .update();
        // alice rates movie 1 with a spoiler review and changes it; bob's rating of movie 1 is withdrawn (a
        // tombstone); dave rates movie 2 with a review; frank's only rating of movie 3 is withdrawn
        append(submitted("alice", 1, 1, 60, 2.0, null, 60, null));
        append(submitted("alice", 1, 2, 120, 4.5, 2.0, 60, new Review("A twist you will not see coming", true)));
        append(submitted("bob", 1, 1, 300, 5.0, null, 300, new Review("Gone soon", false)));
        append(new RatingRetracted(UUID.randomUUID(), "bob", 1, 2, T0.plusSeconds(360), 5.0));
        append(submitted("carol", 1, 1, 400, 1.0, null, 400, null));
        append(submitted("dave", 2, 1, 420, 0.5, null, 420, new Review("No.", false)));
        append(submitted("frank", 3, 1, 430, 3.5, null, 430, null));
        append(new RatingRetracted(UUID.randomUUID(), "frank", 3, 2, T0.plusSeconds(440), 3.5));
        // the diary: erin logs a viewing of movie 4 and edits it, logs another and deletes it (a tombstone);
        // gail logs one of movie 3 and erases her data (the entry goes, a mark stays)
        append(new DiaryEntryLogged(UUID.randomUUID(), "erin", 4, 1, T0.plusSeconds(450), KEPT, DAY, false, 3.5));
        append(new DiaryEntryEdited(
                UUID.randomUUID(), "erin", 4, 2, T0.plusSeconds(460), KEPT, DAY, true, 4.0, T0.plusSeconds(450)));
        append(new DiaryEntryLogged(UUID.randomUUID(), "erin", 4, 3, T0.plusSeconds(470), DELETED, DAY, false, null));
        append(new DiaryEntryDeleted(UUID.randomUUID(), "erin", 4, 4, T0.plusSeconds(480), DELETED));
        append(new DiaryEntryLogged(UUID.randomUUID(), "gail", 3, 1, T0.plusSeconds(490), ERASED, DAY, false, null));
        append(new RatingErased(UUID.randomUUID(), "gail", 3, 2, T0.plusSeconds(500), null, UUID.randomUUID()));
        // the watchlist (issue 20): erin's film is on her list; alice rated hers after listing it (off the list)
        append(new MovieWatchlisted(UUID.randomUUID(), "erin", 2, 1, T0.plusSeconds(510)));
        append(new MovieWatchlisted(UUID.randomUUID(), "alice", 2, 1, T0.plusSeconds(520)));
        append(submitted("alice", 2, 1, 530, 3.0, null, 530, null));
        // helpful votes (issue 20): carol marks dave's review of movie 2 helpful
        append(new ReviewMarkedHelpful(UUID.randomUUID(), "carol", 2, 1, T0.plusSeconds(540), VOTED, "dave"));
        // tags (issue 19): erin's tag on film 1 is on; frank's was taken off; gail's erased (her data)
        append(new MovieTagged(UUID.randomUUID(), "erin", 1, 1, T0.plusSeconds(540), TAG_ON));
        append(new MovieTagged(UUID.randomUUID(), "frank", 1, 1, T0.plusSeconds(550), TAG_OFF));
        append(new MovieUntagged(UUID.randomUUID(), "frank", 1, 2, T0.plusSeconds(560), TAG_OFF, null));
        append(new MovieTagged(UUID.randomUUID(), "gail", 1, 1, T0.plusSeconds(570), TAG_ERASED));
        append(new MovieUntagged(UUID.randomUUID(), "gail", 1, 2, T0.plusSeconds(580), null, UUID.randomUUID()));
    }

    private static final UUID VOTED = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID TAG_ON = UUID.randomUUID();
    private static final UUID TAG_OFF = UUID.randomUUID();
    private static final UUID TAG_ERASED = UUID.randomUUID();

    /**
     * Rebuilding before every case made one run of the cases cost minutes (a rebuild is some hundred statements), and
     * a mutation run runs them again for every mutant: the rebuilt rows are kept aside once and put back before each
     * case; only a case that appends an event (the late one) makes the next case rebuild again.
     */
    @BeforeEach
    void projectionsAsRebuiltAndClean() {
        long events =
                jdbc.sql("select count(*) from rating_events").query(Long.class).single();
        if (events == eventsWhenKept) {
            RebuiltRows.putBack(jdbc);
        } else {
            personalTextsAsTheEventsName();
            JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS))
                    .rebuildAll();
            RebuiltRows.keep(jdbc);
            eventsWhenKept = events;
        }
        assertThat(verify()).as("verify before tampering").isEmpty();
    }

    /** A rebuild leaves the personal store alone: each case starts with only the texts the events name. */
    private static void personalTextsAsTheEventsName() {
        jdbc.sql("delete from personal.review_texts").update();
        jdbc.sql("delete from personal.diary_notes").update();
        jdbc.sql("delete from personal.tags").update();
        jdbc.sql("insert into personal.review_texts (user_id, movie_id, stream_version, text, review_id, written_at)"
                        + " values ('alice', 1, 2, 'A twist you will not see coming', gen_random_uuid(), now()),"
                        + " ('dave', 2, 1, 'No.', gen_random_uuid(), now())")
                .update();
    }

    record Tampering(String what, String sql, String table, String key) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Arguments> tamperings() {
        List<Tampering> cases = new ArrayList<>(List.of(
                userRating("stream_version", "stream_version = stream_version + 1", "alice", 1),
                userRating("stars", "stars = 3.5", "alice", 1),
                userRating("a review removed", "review_spoiler = null", "alice", 1),
                userRating("review_spoiler", "review_spoiler = false", "alice", 1),
                userRating("a review added", "review_spoiler = false", "carol", 1),
                userRating("rated_since", "rated_since = rated_since - interval '1 microsecond'", "alice", 1),
                userRating("updated_at", "updated_at = updated_at + interval '1 second'", "alice", 1),
                userRating("a tombstone brought back", "stars = 5.0", "bob", 1),
                userRating("a rating turned into a tombstone", "stars = null, review_spoiler = null", "dave", 2),
                new Tampering(
                        "user_ratings row deleted",
                        "delete from projection.user_ratings where user_id = 'dave' and movie_id = 2",
                        "user_ratings",
                        "dave / movie 2"),
                new Tampering(
                        "user_ratings row added",
                        "insert into projection.user_ratings (user_id, movie_id, stream_version, stars, rated_since,"
                                + " updated_at) values ('mallory', 2, 1, 4.0, now(), now())",
                        "user_ratings",
                        "mallory / movie 2"),
                movieScore("rating_count", "rating_count = rating_count + 1", 1),
                movieScore("stars_sum", "stars_sum = stars_sum + 0.5", 1),
                movieScore("review_count", "review_count = review_count - 1", 1),
                movieScore("last_rated_at", "last_rated_at = last_rated_at - interval '1 microsecond'", 1),
                movieScore("a withdrawn movie's zero row counted", "rating_count = 1", 3),
                new Tampering(
                        "movie_scores row deleted",
                        "delete from projection.movie_scores where movie_id = 2",
                        "movie_scores",
                        "movie 2"),
                new Tampering(
                        "movie_scores row added",
                        "insert into projection.movie_scores (movie_id, rating_count, stars_sum, histogram)"
                                + " values (4, 1, 2.0, '{0,0,0,1,0,0,0,0,0,0}')",
                        "movie_scores",
                        "movie 4"),
                new Tampering(
                        "movie_scores.weighted (the list's score off the stored basis)",
                        "update projection.movie_scores set weighted = weighted + 0.1 where movie_id = 1",
                        "movie_scores.weighted",
                        "movie 1"),
                new Tampering(
                        "similar_movies row added",
                        "insert into projection.similar_movies (movie_id, similar_id, co_likes, movie_likes,"
                                + " similar_likes) values (1, 2, 5, 5, 5)",
                        "similar_movies",
                        "movie 1 ~ 2"),
                new Tampering(
                        "rating_totals.rating_count",
                        "update projection.rating_totals set rating_count = rating_count + 1",
                        "rating_totals",
                        "all"),
                new Tampering(
                        "rating_totals.stars_sum",
                        "update projection.rating_totals set stars_sum = stars_sum - 0.5",
                        "rating_totals",
                        "all"),
                new Tampering(
                        "applied_events row for no event",
                        "insert into projection.applied_events (position) values (999999)",
                        "applied_events",
                        "position 999999"),
                new Tampering(
                        "a review text kept after its stream was withdrawn",
                        "insert into personal.review_texts (user_id, movie_id, stream_version, text, review_id,"
                                + " written_at) values ('bob', 1, 1, 'Gone soon', gen_random_uuid(), now())",
                        "personal.review_texts",
                        "bob / movie 1"),
                new Tampering(
                        "movie_score_history.rating_count",
                        "update projection.movie_score_history set rating_count = rating_count + 1 where movie_id = 1",
                        "movie_score_history",
                        "movie 1 2026-03-01"),
                new Tampering(
                        "movie_score_history.histogram",
                        "update projection.movie_score_history set histogram[4] = histogram[4] + 1,"
                                + " histogram[3] = histogram[3] - 1 where movie_id = 2",
                        "movie_score_history",
                        "movie 2 2026-03-01"),
                new Tampering(
                        "movie_score_history row deleted",
                        "delete from projection.movie_score_history where movie_id = 3",
                        "movie_score_history",
                        "movie 3 2026-03-01"),
                new Tampering(
                        "movie_score_history row added",
                        "insert into projection.movie_score_history values (4, '2026-03-05', 1, 2.0,"
                                + " '{0,0,0,1,0,0,0,0,0,0}')",
                        "movie_score_history",
                        "movie 4 2026-03-05"),
                new Tampering(
                        "rating_totals_history.stars_sum",
                        "update projection.rating_totals_history set stars_sum = stars_sum + 0.5",
                        "rating_totals_history",
                        "2026-03-01"),
                new Tampering(
                        "score_timeline row deleted",
                        "delete from projection.score_timeline where user_id = 'carol'",
                        "score_timeline",
                        "all"),
                diaryEntry("watched_on", "watched_on = watched_on - 1", KEPT),
                diaryEntry("rewatch", "rewatch = false", KEPT),
                diaryEntry("stars", "stars = 3.5", KEPT),
                diaryEntry("logged_at", "logged_at = logged_at + interval '1 microsecond'", KEPT),
                diaryEntry("a deleted entry brought back", "watched_on = '2026-02-01', logged_at = now()", DELETED),
                new Tampering(
                        "diary_entries row deleted",
                        "delete from projection.diary_entries where entry_id = '" + KEPT + "'",
                        "diary_entries",
                        "entry " + KEPT),
                new Tampering(
                        "an erased entry kept",
                        "insert into projection.diary_entries values ('" + ERASED + "', 'gail', 3, 1, '2026-02-28',"
                                + " false, null, now(), now())",
                        "diary_entries",
                        "entry " + ERASED),
                new Tampering(
                        "diary_erasures row deleted",
                        "delete from projection.diary_erasures where user_id = 'gail'",
                        "diary_erasures",
                        "gail/3"),
                new Tampering(
                        "a note kept for a deleted entry",
                        "insert into personal.diary_notes values ('" + DELETED + "', 'erin', 'gone')",
                        "personal.diary_notes",
                        "erin / entry " + DELETED),
                watchlist("watchlist.listed", "listed = false", "erin", 2),
                watchlist("watchlist.added_at", "added_at = added_at + interval '1 microsecond'", "erin", 2),
                watchlist("watchlist.stream_version", "stream_version = 2", "erin", 2),
                watchlist(
                        "watchlist.rated_position (a rated film back on the list)",
                        "rated_position = null",
                        "alice",
                        2),
                watchlist("watchlist.listed_position", "listed_position = listed_position + 100", "alice", 2),
                new Tampering(
                        "watchlist row deleted",
                        "delete from projection.watchlist where user_id = 'erin'",
                        "watchlist",
                        "erin / movie 2"),
                new Tampering(
                        "watchlist row added",
                        "insert into projection.watchlist values ('mallory', 1, 1, true, 1, now(), null)",
                        "watchlist",
                        "mallory / movie 1"),
                vote("helpful_votes.marked", "marked = false"),
                vote("helpful_votes.stream_version", "stream_version = 2"),
                vote("helpful_votes.voted_at", "voted_at = voted_at + interval '1 microsecond'"),
                vote("helpful_votes.ended_position (a vote that counts ended)", "ended_position = vote_position + 1"),
                new Tampering(
                        "helpful vote deleted",
                        "delete from projection.helpful_votes where voter = 'carol'",
                        "helpful_votes",
                        "carol / review " + VOTED),
                new Tampering(
                        "helpful_counts.helpful_count (a stored count off by one)",
                        "update projection.helpful_counts set helpful_count = helpful_count + 1"
                                + " where review_id = '" + VOTED + "'",
                        "helpful_counts",
                        "review " + VOTED),
                new Tampering(
                        "helpful_counts row deleted",
                        "delete from projection.helpful_counts where review_id = '" + VOTED + "'",
                        "helpful_counts",
                        "review " + VOTED),
                new Tampering(
                        "helpful_counts row added",
                        "insert into projection.helpful_counts values ('00000000-0000-4000-8000-0000000000b2', 2, 1)",
                        "helpful_counts",
                        "review 00000000-0000-4000-8000-0000000000b2"),
                tag("user_tags.tagged (a tag taken off back on)", "tagged = true", TAG_OFF),
                tag("user_tags.tagged (an erased tag back on)", "tagged = true", TAG_ERASED),
                tag("user_tags.tagged (a tag on turned off)", "tagged = false", TAG_ON),
                tag("user_tags.stream_version", "stream_version = 5", TAG_ON),
                new Tampering(
                        "user_tags row deleted",
                        "delete from projection.user_tags where tag_id = '" + TAG_ON + "'",
                        "user_tags",
                        "erin / movie 1 / tag " + TAG_ON),
                new Tampering(
                        "tag_streams.erased_version",
                        "update projection.tag_streams set erased_version = 0 where user_id = 'gail'",
                        "tag_streams",
                        "gail / movie 1"),
                new Tampering(
                        "a text kept for a tag taken off",
                        "insert into personal.tags values ('" + TAG_OFF + "', 'frank', 1, 'gone', 'gone')",
                        "personal.tags",
                        "frank / movie 1 / tag " + TAG_OFF),
                new Tampering(
                        "watermark moved past an event never applied",
                        LATE_EVENT_THEN_WATERMARK,
                        "user_ratings",
                        "late / movie 2")));
        for (int bucket = 1; bucket <= 10; bucket++) {
            // one rating moved into this bucket from another, so count and sum stay as they were
            int from = bucket == 9 ? 1 : 9;
            cases.add(movieScore(
                    "histogram bucket " + bucket,
                    "histogram[" + bucket + "] = histogram[" + bucket + "] + 1, histogram[" + from + "] = histogram["
                            + from + "] - 1",
                    1));
        }
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void verifyNamesTheTamperedRow(Tampering tampering) {
        jdbc.sql(tampering.sql()).update();

        List<VerificationReport.Difference> differences = verify();
        assertThat(differences).as("verify after tampering with %s", tampering).anySatisfy(difference -> {
            assertThat(difference.table()).isEqualTo(tampering.table());
            assertThat(difference.key()).isEqualTo(tampering.key());
            assertThat(difference.expected()).isNotEqualTo(difference.actual());
            // a deleted row is named as missing (the timeline, compared by its count of events, says "9 events")
            if (tampering.sql().startsWith("delete") && !tampering.key().equals("all")) {
                assertThat(difference.actual()).as("a deleted row").isEqualTo("no row");
            }
        });
        if (tampering.table().equals("user_ratings")) {
            // one rating tampered with, one named: not every rating because one is missing
            assertThat(differences)
                    .filteredOn(difference -> difference.table().equals("user_ratings"))
                    .extracting(VerificationReport.Difference::key)
                    .containsOnly(tampering.key());
        }
    }

    @Test
    void aSpoilerIsNamedAsOneAndAPlainReviewAsPlain() {
        jdbc.sql("update projection.user_ratings set review_spoiler = false where user_id = 'alice' and movie_id = 1")
                .update();

        assertThat(verify()).singleElement().satisfies(difference -> {
            assertThat(difference.expected()).contains("review present (spoiler),");
            assertThat(difference.actual()).contains("review present,");
        });
    }

    @Test
    void aScoreRowAtZeroForAMovieNobodyRatedIsNoDifference() {
        // the projector creates a batch's movies' score rows before it knows whether a rating counts
        jdbc.sql("insert into projection.movie_scores (movie_id) values (4)").update();

        assertThat(verify()).isEmpty();
    }

    @Test
    void eventsTheProjectorRecordedAboveTheWatermarkCountAsApplied() {
        // the watermark lags the projector: every event but the first is applied only by its applied_events row,
        // ratings, diary, watchlist, helpful votes and tags alike
        jdbc.sql("""
                        insert into projection.applied_events (position)
                        select position from rating_events where position > (select min(position) from rating_events)
                        on conflict do nothing
                        """).update();
        jdbc.sql("update projection.watermark set position = (select min(position) from rating_events)")
                .update();

        assertThat(verify()).isEmpty();
    }

    private static Tampering userRating(String column, String set, String user, long movie) {
        return new Tampering(
                "user_ratings." + column,
                "update projection.user_ratings set " + set + " where user_id = '" + user + "' and movie_id = " + movie,
                "user_ratings",
                user + " / movie " + movie);
    }

    private static Tampering diaryEntry(String column, String set, UUID entry) {
        return new Tampering(
                "diary_entries." + column,
                "update projection.diary_entries set " + set + " where entry_id = '" + entry + "'",
                "diary_entries",
                "entry " + entry);
    }

    private static Tampering vote(String what, String set) {
        return new Tampering(
                what,
                "update projection.helpful_votes set " + set + " where voter = 'carol'",
                "helpful_votes",
                "carol / review " + VOTED);
    }

    private static Tampering watchlist(String what, String set, String user, long movie) {
        return new Tampering(
                what,
                "update projection.watchlist set " + set + " where user_id = '" + user + "' and movie_id = " + movie,
                "watchlist",
                user + " / movie " + movie);
    }

    private static Tampering tag(String what, String set, UUID tag) {
        String user = tag.equals(TAG_ON) ? "erin" : tag.equals(TAG_OFF) ? "frank" : "gail";
        return new Tampering(
                what,
                "update projection.user_tags set " + set + " where tag_id = '" + tag + "'",
                "user_tags",
                user + " / movie 1 / tag " + tag);
    }

    private static Tampering movieScore(String column, String set, long movie) {
        return new Tampering(
                "movie_scores." + column,
                "update projection.movie_scores set " + set + " where movie_id = " + movie,
                "movie_scores",
                "movie " + movie);
    }

    private static List<VerificationReport.Difference> verify() {
        return JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS))
                .verify()
                .differences();
    }

    private static RatingSubmitted submitted(
            String user, long movie, int version, long at, double stars, Double previous, long since, Review review) {
        return new RatingSubmitted(
                UUID.randomUUID(),
                user,
                movie,
                version,
                T0.plusSeconds(at),
                stars,
                previous,
                T0.plusSeconds(since),
                review);
    }

    private static void append(RatingEvent event) {
        EventTable.append(database.dataSource(), event);
    }
}
