package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.rating.helpful.HelpfulVotesFold;
import dev.movieratings.testsupport.MigratedDatabase;
import dev.movieratings.testsupport.Movies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Helpful votes (issue 20) as the projector applies them: any delivery order, and the end of a review. */
class ProjectHelpfulVotesIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static LocalLambda projector;
    private static long nextMovie = 3000;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        Movies.classics(jdbc);
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
    }

    @Test
    void votesInAnyOrderWithDuplicatesCountAsInOrderAndAStarsEditKeepsThem() {
        long movie = newMovie();
        UUID review = UUID.randomUUID();
        Map<RatingEvent, Long> events = new LinkedHashMap<>();
        RatingSubmitted written = submitted("alice", movie, 1, new Review(null, false));
        events.put(written, append(written));
        for (RatingEvent vote : List.of(
                marked("bob", movie, 1, review),
                marked("carol", movie, 1, review),
                unmarked("carol", movie, 2, review),
                marked("dave", movie, 1, review),
                unmarked("dave", movie, 2, review),
                marked("dave", movie, 3, review),
                submitted("alice", movie, 2, new Review(null, true)))) {
            events.put(vote, append(vote));
        }
        List<RatingEvent> shuffled = new ArrayList<>(events.keySet());
        shuffled.addAll(shuffled.subList(2, 6));
        Collections.shuffle(shuffled, new Random(20));
        deliver(shuffled);

        HelpfulVotesFold fold = new HelpfulVotesFold();
        events.forEach((event, position) -> fold.apply(position, event));
        assertThat(count(review)).isEqualTo(fold.count(review)).isEqualTo(2); // bob and dave
        assertThat(jdbc.sql("select stream_version from projection.helpful_votes where voter = ? and review_id = ?")
                        .params("dave", review)
                        .query(Integer.class)
                        .single())
                .as("the highest version per (voter, review) wins")
                .isEqualTo(3);
    }

    @Test
    void theEndOfAReviewEndsItsVotesWhicheverIsAppliedFirst() {
        long movie = newMovie();
        UUID review = UUID.randomUUID();
        RatingSubmitted written = submitted("alice", movie, 1, new Review(null, false));
        ReviewMarkedHelpful bob = marked("bob", movie, 1, review);
        RatingRetracted retraction =
                new RatingRetracted(UUID.randomUUID(), "alice", movie, 2, T0.plusSeconds(120), 4.0);
        ReviewMarkedHelpful erin = marked("erin", movie, 1, review);
        List.of(written, bob, retraction, erin).forEach(this::append);

        deliver(List.of(retraction, written));
        deliver(List.of(bob)); // applied after the retraction it precedes
        deliver(List.of(erin)); // cast after the end (a race with the command): it counts, under the old id only
        assertThat(endedPosition("bob", review)).isNotNull();
        assertThat(count(review)).isEqualTo(1);

        long other = newMovie();
        UUID second = UUID.randomUUID();
        RatingSubmitted again = submitted("alice", other, 1, new Review(null, false));
        ReviewMarkedHelpful frank = marked("frank", other, 1, second);
        RatingSubmitted noReview = submitted("alice", other, 2, null);
        List.of(again, frank, noReview).forEach(this::append);
        deliver(List.of(again, frank));
        assertThat(count(second)).isEqualTo(1);
        deliver(List.of(noReview)); // applied after the vote: it ends it
        assertThat(count(second))
                .as("a rating without a review ends the review")
                .isZero();
    }

    private static synchronized long newMovie() {
        long id = ++nextMovie;
        jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(id, "Movie " + id)
                .update();
        return id;
    }

    /** The count stored for the review (V121), which must be its votes that count. */
    private static long count(UUID review) {
        long summed = jdbc.sql("select count(*) from projection.helpful_votes where review_id = ? and counted")
                .param(review)
                .query(Long.class)
                .single();
        Long stored = jdbc.sql("select helpful_count from projection.helpful_counts where review_id = ?")
                .param(review)
                .query(Long.class)
                .optional()
                .orElse(null);
        assertThat(stored).as("the count stored for review " + review).isEqualTo(summed);
        return stored;
    }

    private static Long endedPosition(String voter, UUID review) {
        return jdbc.sql("select ended_position from projection.helpful_votes where voter = ? and review_id = ?")
                .params(voter, review)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private long append(RatingEvent event) {
        return EventTable.append(database.administrator(), event);
    }

    private void deliver(List<RatingEvent> events) {
        ProjectorDeliveries.deliver(projector, events, T0);
    }

    private static RatingSubmitted submitted(String user, long movie, int version, Review review) {
        return new RatingSubmitted(
                UUID.randomUUID(), user, movie, version, T0.plusSeconds(version * 60L), 4.0, null, T0, review);
    }

    private static ReviewMarkedHelpful marked(String voter, long movie, int version, UUID review) {
        return new ReviewMarkedHelpful(
                UUID.randomUUID(), voter, movie, version, T0.plusSeconds(version), review, "alice");
    }

    private static ReviewUnmarkedHelpful unmarked(String voter, long movie, int version, UUID review) {
        return new ReviewUnmarkedHelpful(
                UUID.randomUUID(), voter, movie, version, T0.plusSeconds(version), review, "alice", null);
    }
}
