package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.Review;
import dev.movieratings.rating.RatingDecisions;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.Stars;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariant 3: whatever the delivery history — duplicates, any order — the projection ends where
 * applying each event once, in order, ends.
 */
class RatingProjectionPropertyTest {

    @Property(tries = 300)
    void anyDeliveryHistoryEndsInTheInOrderState(@ForAll long seed, @ForAll @IntRange(min = 1, max = 60) int commands) {
        Random random = new Random(seed);
        List<RatingEvent> history = randomHistory(random, commands);

        Projected inOrder = new Projected();
        history.forEach(inOrder::apply);

        List<RatingEvent> deliveries = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 2 + 1; i++) {
            deliveries.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(deliveries, random);
        Projected shuffled = new Projected();
        deliveries.forEach(shuffled::apply);

        assertThat(shuffled.streams).isEqualTo(inOrder.streams);
        assertThat(shuffled.scores).isEqualTo(inOrder.scores);
    }

    @Property(tries = 200)
    void scoresEqualTheSumOfCurrentRatings(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int commands) {
        Random random = new Random(seed);
        Projected projected = new Projected();
        randomHistory(random, commands).forEach(projected::apply);

        Map<Long, MovieScore> recount = new HashMap<>();
        for (UserRating rating : projected.streams.values()) {
            MovieScore score = recount.computeIfAbsent(rating.movieId(), MovieScore::new);
            if (rating.isCurrent()) {
                score.add(new UserRatingChange(null, rating).scoreDelta());
            } else {
                score.add(new ScoreDelta(rating.movieId(), 0, 0, ScoreDelta.NO_BUCKET, ScoreDelta.NO_BUCKET, 0));
            }
        }
        assertThat(projected.scores).isEqualTo(recount);
        projected
                .scores
                .values()
                .forEach(score -> assertThat(score.ratingCount()).isNotNegative());
    }

    /** Commands from three users on two movies, decided the way the command side decides them. */
    private static List<RatingEvent> randomHistory(Random random, int commands) {
        Map<String, RatingStream> streams = new HashMap<>();
        List<RatingEvent> events = new ArrayList<>();
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < commands; i++) {
            String user = "u" + random.nextInt(3);
            long movie = 1 + random.nextInt(2);
            RatingStream stream = streams.getOrDefault(user + "/" + movie, RatingStream.empty(user, movie));
            clock = clock.plusSeconds(1 + random.nextInt(1000));
            RatingEvent event;
            if (stream.hasRating() && random.nextInt(4) == 0) {
                event = RatingDecisions.retract(stream, UUID.randomUUID(), clock);
                stream = new RatingStream(user, movie, event.streamVersion(), null, null);
            } else {
                Stars stars = new Stars(1 + random.nextInt(10));
                Review review = random.nextBoolean() ? new Review("review " + i, random.nextBoolean()) : null;
                var submitted = RatingDecisions.submit(stream, stars, review, UUID.randomUUID(), clock);
                event = submitted;
                stream = new RatingStream(user, movie, event.streamVersion(), stars, submitted.ratedSince());
            }
            streams.put(user + "/" + movie, stream);
            events.add(event);
        }
        return events;
    }

    private static final class Projected {
        final Map<String, UserRating> streams = new HashMap<>();
        final Map<Long, MovieScore> scores = new HashMap<>();

        void apply(RatingEvent event) {
            String key = event.userId() + "/" + event.movieId();
            RatingProjection.apply(streams.get(key), event).ifPresent(change -> {
                streams.put(key, change.after());
                scores.computeIfAbsent(event.movieId(), MovieScore::new).add(change.scoreDelta());
            });
        }
    }
}
