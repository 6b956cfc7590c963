package dev.movieratings.rating.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariant 3: whatever the delivery history — duplicates, any order — the projection ends where the
 * last event of each stream says. The expected state comes from a model that shares no projection
 * code: it reads the events' own fields and counts with plain arrays.
 */
class RatingProjectionPropertyTest {

    /**
     * One user command: which stream (3 users × 2 movies), retract, erase (every stream of the stream's
     * user) or rate, stars, review, seconds later.
     */
    record Command(int stream, boolean retract, boolean erase, int halves, int review, int secondsLater) {}

    private static final Gen<Command> COMMANDS = integers()
            .between(0, 5)
            .zip(
                    integers().between(0, 7),
                    integers().between(1, 10),
                    integers().between(0, 2),
                    integers().between(1, 1000),
                    (stream, action, halves, review, later) ->
                            new Command(stream, action < 2, action == 7, halves, review, later));

    @Test
    void anyDeliveryHistoryEndsWhereTheLastEventOfEachStreamSays() {
        PropertyRuns.tries(300)
                .forAll(lists().of(COMMANDS).ofSizeBetween(1, 60), longs().all())
                .checkAssert((commands, deliverySeed) -> {
                    List<RatingEvent> history = decide(commands);
                    ProjectionFold shuffled = new ProjectionFold();
                    List<RatingEvent> deliveries = redeliveredInAnyOrder(history, new Random(deliverySeed));
                    List<Boolean> moved =
                            deliveries.stream().map(shuffled::apply).toList();
                    assertThat(moved).as("which deliveries moved their stream").isEqualTo(Model.moved(deliveries));
                    assertThat(shuffled.events()).as("events folded").isEqualTo(deliveries.size());
                    ProjectionFold inOrder = new ProjectionFold();
                    history.forEach(inOrder::apply);

                    for (ProjectionFold fold : List.of(shuffled, inOrder)) {
                        assertThat(streams(fold)).isEqualTo(Model.streams(history));
                        assertThat(scores(fold)).isEqualTo(Model.scores(history));
                        for (long movie : Model.movies(history)) {
                            assertThat(fold.lastRatedAt(movie)).isEqualTo(Model.lastEventAt(history, movie));
                        }
                    }
                });
    }

    @Test
    void scoresCountEachCurrentRatingOnceAndNeverGoNegative() {
        PropertyRuns.tries(200)
                .forAll(lists().of(COMMANDS).ofSizeBetween(1, 80))
                .checkAssert(commands -> {
                    List<RatingEvent> history = decide(commands);
                    ProjectionFold fold = new ProjectionFold();
                    history.forEach(fold::apply);

                    assertThat(scores(fold)).isEqualTo(Model.scores(history));
                    assertThat(fold.changedStreams())
                            .as("a fold from nothing changes every stream it sees")
                            .containsExactlyInAnyOrderElementsOf(fold.streams());
                    for (UserRating rating : fold.streams()) {
                        assertThat(fold.stream(rating.userId(), rating.movieId()))
                                .isSameAs(rating);
                    }
                    for (MovieScore score : fold.scores()) {
                        assertThat(score.average())
                                .as("average of movie %d", score.movieId())
                                .isEqualTo(Model.average(score.halvesSum(), score.ratingCount()));
                        assertThat(score)
                                .isEqualTo(new MovieScore(
                                        score.movieId(),
                                        score.ratingCount(),
                                        score.halvesSum(),
                                        score.histogram(),
                                        score.reviewCount()));
                        assertThat(score.toString()).contains("count=" + score.ratingCount());
                    }
                    assertThat(fold.currentRatings()).isEqualTo(Model.currentRatings(history));
                    for (MovieScore score : fold.scores()) {
                        assertThat(score.ratingCount()).isNotNegative();
                        assertThat(score.reviewCount()).isBetween(0L, score.ratingCount());
                        assertThat(java.util.Arrays.stream(score.histogram())
                                        .min()
                                        .orElseThrow())
                                .isNotNegative();
                    }
                });
    }

    /** The events the command side decides for these commands, one clock running forward. */
    private static List<RatingEvent> decide(List<Command> commands) {
        Map<Integer, RatingStream> streams = new HashMap<>();
        List<RatingEvent> events = new ArrayList<>();
        Instant clock = Instant.parse("2026-01-01T00:00:00Z");
        for (Command command : commands) {
            String user = "u" + command.stream() / 2;
            long movie = 1 + command.stream() % 2;
            RatingStream stream = streams.getOrDefault(command.stream(), RatingStream.empty(user, movie));
            clock = clock.plusSeconds(command.secondsLater());
            if (command.erase()) {
                UUID erasure = UUID.randomUUID();
                for (int other = command.stream() / 2 * 2; other < command.stream() / 2 * 2 + 2; other++) {
                    RatingStream erased = streams.get(other);
                    if (erased != null) {
                        RatingEvent event = RatingDecisions.erase(erased, UUID.randomUUID(), erasure, clock);
                        streams.put(other, new RatingStream(user, erased.movieId(), event.streamVersion(), null, null));
                        events.add(event);
                    }
                }
                continue;
            }
            RatingEvent event;
            if (stream.hasRating() && command.retract()) {
                event = RatingDecisions.retract(stream, UUID.randomUUID(), clock);
                stream = new RatingStream(user, movie, event.streamVersion(), null, null);
            } else {
                Stars stars = new Stars(command.halves());
                Review review =
                        command.review() == 0 ? null : new Review("review " + events.size(), command.review() == 2);
                RatingSubmitted submitted = RatingDecisions.submit(stream, stars, review, UUID.randomUUID(), clock);
                event = submitted;
                stream = new RatingStream(user, movie, event.streamVersion(), stars, submitted.ratedSince());
            }
            streams.put(command.stream(), stream);
            events.add(event);
        }
        return events;
    }

    /** Every event at least once, some twice, in any order. */
    private static List<RatingEvent> redeliveredInAnyOrder(List<RatingEvent> history, Random random) {
        List<RatingEvent> deliveries = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 2 + 1; i++) {
            deliveries.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(deliveries, random);
        return deliveries;
    }

    private static Map<String, String> streams(ProjectionFold fold) {
        Map<String, String> described = new TreeMap<>();
        for (UserRating rating : fold.streams()) {
            described.put(
                    rating.userId() + "/" + rating.movieId(),
                    Model.stream(
                            rating.version(),
                            rating.isCurrent() ? rating.stars().halves() : 0,
                            rating.review(),
                            rating.ratedSince(),
                            rating.updatedAt()));
        }
        return described;
    }

    private static Map<Long, String> scores(ProjectionFold fold) {
        Map<Long, String> described = new TreeMap<>();
        for (MovieScore score : fold.scores()) {
            described.put(
                    score.movieId(),
                    Model.score(
                            score.ratingCount(),
                            score.halvesSum(),
                            score.starsSum().stripTrailingZeros().toPlainString(),
                            score.histogram(),
                            score.reviewCount()));
        }
        return described;
    }

    /** What the projection must hold, from the events' fields alone: the highest version of a stream wins. */
    private static final class Model {

        static Map<String, String> streams(List<RatingEvent> history) {
            Map<String, String> expected = new TreeMap<>();
            latest(history).forEach((key, last) -> {
                if (last instanceof RatingSubmitted submitted) {
                    int halves = (int) Math.round(submitted.stars() * 2);
                    expected.put(
                            key,
                            stream(
                                    last.streamVersion(),
                                    halves,
                                    submitted.review(),
                                    submitted.ratedSince(),
                                    last.occurredAt()));
                } else {
                    expected.put(key, stream(last.streamVersion(), 0, null, null, last.occurredAt()));
                }
            });
            return expected;
        }

        static Map<Long, String> scores(List<RatingEvent> history) {
            Map<Long, long[]> histograms = new TreeMap<>();
            Map<Long, Long> reviews = new HashMap<>();
            for (long movie : movies(history)) {
                histograms.put(movie, new long[10]);
                reviews.put(movie, 0L);
            }
            for (RatingEvent last : latest(history).values()) {
                if (last instanceof RatingSubmitted submitted) {
                    histograms.get(last.movieId())[(int) Math.round(submitted.stars() * 2) - 1]++;
                    reviews.merge(last.movieId(), submitted.review() == null ? 0L : 1L, Long::sum);
                }
            }
            Map<Long, String> expected = new TreeMap<>();
            histograms.forEach((movie, histogram) -> {
                long count = 0;
                long halves = 0;
                for (int bucket = 0; bucket < histogram.length; bucket++) {
                    count += histogram[bucket];
                    halves += histogram[bucket] * (bucket + 1);
                }
                String stars = new java.math.BigDecimal(halves)
                        .divide(java.math.BigDecimal.valueOf(2))
                        .stripTrailingZeros()
                        .toPlainString();
                expected.put(movie, score(count, halves, stars, histogram, reviews.get(movie)));
            });
            return expected;
        }

        /** A delivery moves its stream only when its version is above every version delivered before it. */
        static List<Boolean> moved(List<RatingEvent> deliveries) {
            Map<String, Integer> highest = new HashMap<>();
            List<Boolean> moved = new ArrayList<>();
            for (RatingEvent event : deliveries) {
                String key = event.userId() + "/" + event.movieId();
                moved.add(event.streamVersion() > highest.getOrDefault(key, 0));
                highest.merge(key, event.streamVersion(), Math::max);
            }
            return moved;
        }

        static java.math.BigDecimal average(long halves, long count) {
            return count == 0
                    ? null
                    : java.math.BigDecimal.valueOf(halves)
                            .divide(java.math.BigDecimal.valueOf(2L * count), 10, java.math.RoundingMode.HALF_EVEN);
        }

        static long currentRatings(List<RatingEvent> history) {
            return latest(history).values().stream()
                    .filter(RatingSubmitted.class::isInstance)
                    .count();
        }

        static TreeSet<Long> movies(List<RatingEvent> history) {
            TreeSet<Long> movies = new TreeSet<>();
            history.forEach(event -> movies.add(event.movieId()));
            return movies;
        }

        static Instant lastEventAt(List<RatingEvent> history, long movie) {
            return history.stream()
                    .filter(event -> event.movieId() == movie)
                    .map(RatingEvent::occurredAt)
                    .max(Instant::compareTo)
                    .orElseThrow();
        }

        static String stream(int version, int halves, Review review, Instant ratedSince, Instant updatedAt) {
            return "v" + version + " halves=" + halves + " review=" + review + " since=" + ratedSince + " updated="
                    + updatedAt;
        }

        static String score(long count, long halves, String stars, long[] histogram, long reviews) {
            return "count=" + count + " halves=" + halves + " stars=" + stars + " histogram="
                    + java.util.Arrays.toString(histogram) + " reviews=" + reviews;
        }

        private static Map<String, RatingEvent> latest(List<RatingEvent> history) {
            Map<String, RatingEvent> latest = new HashMap<>();
            for (RatingEvent event : history) {
                latest.merge(
                        event.userId() + "/" + event.movieId(),
                        event,
                        (a, b) -> a.streamVersion() >= b.streamVersion() ? a : b);
            }
            return latest;
        }
    }
}
