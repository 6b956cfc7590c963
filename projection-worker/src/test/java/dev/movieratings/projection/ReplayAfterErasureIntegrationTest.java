package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Old copies after an erasure (issue 16): the EventBridge archive and the dead-letter queues keep copies of a
 * person's events from before their erasure, and a replay or a redrive hands them to the projector again, in any
 * order, any number of times. Through the projector function's real entry (SQS event JSON, PostgreSQL): every
 * earlier event of the erased person delivered after the erasure (never applied before, then again, twice and
 * shuffled) brings nothing back, no rating in the scores, no watchlist, tag, diary or helpful row, while a
 * bystander's rating stays.
 */
class ReplayAfterErasureIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static LocalLambda projector;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        for (long movie : List.of(MOVIE, OTHER)) {
            jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                    .params(movie, "Movie " + movie)
                    .update();
        }
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
    }

    private static final long MOVIE = 7001;
    private static final long OTHER = 7002;

    @Test
    void everyEarlierEventOfAnErasedPersonRedeliveredAfterTheErasureBringsNothingBack() {
        String leaver = "leaver";
        String bystander = "bystander";
        UUID erasure = UUID.randomUUID();
        RatingSubmitted byBystander =
                new RatingSubmitted(UUID.randomUUID(), bystander, OTHER, 1, T0, 3.0, null, T0, new Review(null, false));
        List<RatingEvent> before = List.of(
                new RatingSubmitted(
                        UUID.randomUUID(), leaver, MOVIE, 1, at(1), 4.5, null, at(1), new Review(null, true)),
                new DiaryEntryLogged(
                        UUID.randomUUID(),
                        leaver,
                        MOVIE,
                        2,
                        at(2),
                        UUID.randomUUID(),
                        LocalDate.of(2026, 11, 30),
                        false,
                        null),
                new MovieWatchlisted(UUID.randomUUID(), leaver, OTHER, 1, at(3)),
                new MovieTagged(UUID.randomUUID(), leaver, OTHER, 1, at(4), UUID.randomUUID()),
                new ReviewMarkedHelpful(UUID.randomUUID(), leaver, OTHER, 1, at(5), byBystander.eventId(), bystander));
        List<RatingEvent> erasing = List.of(
                new RatingErased(UUID.randomUUID(), leaver, MOVIE, 3, at(9), 4.5, erasure),
                new MovieUnwatchlisted(UUID.randomUUID(), leaver, OTHER, 2, at(9), erasure),
                new ReviewUnmarkedHelpful(
                        UUID.randomUUID(), leaver, OTHER, 2, at(9), byBystander.eventId(), bystander, erasure),
                new MovieUntagged(UUID.randomUUID(), leaver, OTHER, 2, at(9), null, erasure),
                new PersonErased(UUID.randomUUID(), leaver, 1, at(9), erasure, 4));
        append(List.of(byBystander));
        append(before);
        append(erasing);

        // the erasure's events reach the projector first: the earlier ones sat in a dead-letter queue all along
        deliver(List.of(byBystander));
        deliver(erasing);
        assertErased(leaver);
        // the queue redriven and the archive replayed: every earlier event, applied now for the first time, twice,
        // in any order; they are older than the erasure in every stream, so none of them may show
        List<RatingEvent> copies = new ArrayList<>(before);
        copies.addAll(before);
        Collections.shuffle(copies, new Random(16));
        deliver(copies);
        assertErased(leaver);
        // and once more, everything, the erasure too, as a second replay of the archive would
        List<RatingEvent> reversed = new ArrayList<>(before);
        Collections.reverse(reversed);
        deliver(reversed);
        deliver(erasing);

        assertErased(leaver);
        assertThat(jdbc.sql("select stars from projection.user_ratings where user_id = ?")
                        .param(bystander)
                        .query(Double.class)
                        .list())
                .as("the bystander's rating stays")
                .containsExactly(3.0);
        assertThat(jdbc.sql("select position from projection.watermark")
                        .query(Long.class)
                        .single())
                .as("every event applied, the audit record too")
                .isEqualTo(jdbc.sql("select max(position) from rating_events")
                        .query(Long.class)
                        .single());
    }

    /** Nothing of the person in any projection that shows a person's doing. */
    private static void assertErased(String user) {
        assertThat(jdbc.sql("select count(*) from projection.user_ratings where user_id = ? and stars is not null")
                        .param(user)
                        .query(Long.class)
                        .single())
                .as("ratings of the erased person")
                .isZero();
        assertThat(jdbc.sql("select rating_count || ' ' || stars_sum || ' ' || review_count"
                                + " from projection.movie_scores where movie_id = ?")
                        .param(MOVIE)
                        .query(String.class)
                        .optional()
                        .orElse("no row"))
                .as("the scores of the film only the erased person rated")
                .isIn("0 0.0 0", "no row");
        assertThat(jdbc.sql("select count(*) from projection.watchlist where user_id = ? and on_list")
                        .param(user)
                        .query(Long.class)
                        .single())
                .as("films on the erased person's watchlist")
                .isZero();
        assertThat(jdbc.sql("select count(*) from projection.user_tags where user_id = ? and tagged")
                        .param(user)
                        .query(Long.class)
                        .single())
                .as("tags of the erased person")
                .isZero();
        assertThat(jdbc.sql("select count(*) from projection.helpful_votes where voter = ? and counted")
                        .param(user)
                        .query(Long.class)
                        .single())
                .as("helpful votes of the erased person that count")
                .isZero();
        assertThat(jdbc.sql("select coalesce(sum(helpful_count), 0) from projection.helpful_counts")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from projection.diary_entries where user_id = ?")
                        .param(user)
                        .query(Long.class)
                        .single())
                .as("diary entries of the erased person")
                .isZero();
    }

    private static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    private static void append(List<RatingEvent> events) {
        events.forEach(event -> EventTable.append(database.administrator(), event));
    }

    private static void deliver(List<RatingEvent> events) {
        ProjectorDeliveries.deliver(projector, events, T0);
    }
}
