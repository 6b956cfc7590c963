package dev.movieratings.projection.maintenance;

import dev.movieratings.events.HelpfulVote;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.ReviewMarkedHelpful;
import dev.movieratings.events.ReviewUnmarkedHelpful;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Helpful votes (issue 20) for the differential property test: votes cast among a history of ratings as the
 * command decides them, and an oracle written apart from the projection code (the projector and the rebuild in
 * SQL, verify with HelpfulVotesFold); with the count stored per review (V121), which the oracle sums from its votes.
 */
final class HelpfulHistories {

    private HelpfulHistories() {}

    /**
     * The history with votes cast among its events: after some events, one of the four users marks or unmarks a
     * current review of another (the review's id is the event that first wrote it since its stream had none, as the
     * command keeps it); an erasure takes back every vote of the erased user that stands.
     */
    static List<RatingEvent> withVotes(List<RatingEvent> history, Random random) {
        List<RatingEvent> out = new ArrayList<>();
        Map<String, UUID> reviews = new TreeMap<>();
        Map<String, Integer> versions = new HashMap<>();
        Map<String, HelpfulVote> latest = new TreeMap<>();
        Set<UUID> erasures = new HashSet<>();
        for (RatingEvent event : history) {
            out.add(event);
            if (!RatingEvent.RATING_STREAM.equals(event.stream())) {
                continue;
            }
            String key = event.userId() + "/" + event.movieId();
            if (ends(event)) {
                reviews.remove(key);
            } else if (event instanceof RatingSubmitted submitted && submitted.review() != null) {
                reviews.putIfAbsent(key, submitted.eventId());
            }
            if (event instanceof RatingErased erased && erasures.add(erased.erasureId())) {
                for (HelpfulVote vote : List.copyOf(latest.values())) {
                    if (vote.userId().equals(erased.userId()) && vote.marked()) {
                        out.add(next(
                                vote.userId(),
                                vote.movieId(),
                                vote.reviewId(),
                                vote.reviewAuthor(),
                                false,
                                erased,
                                versions,
                                latest,
                                erased.erasureId()));
                    }
                }
            }
            if (reviews.isEmpty() || random.nextInt(3) > 0) {
                continue;
            }
            List<String> current = new ArrayList<>(reviews.keySet());
            String review = current.get(random.nextInt(current.size()));
            String author = review.substring(0, review.indexOf('/'));
            long movie = Long.parseLong(review.substring(review.indexOf('/') + 1));
            String voter = "u" + random.nextInt(4);
            if (voter.equals(author)) {
                continue; // the command refuses a vote on one's own review
            }
            UUID reviewId = reviews.get(review);
            HelpfulVote before = latest.get(voter + "/" + reviewId);
            boolean mark = before == null || !before.marked();
            out.add(next(voter, movie, reviewId, author, mark, event, versions, latest, null));
        }
        return out;
    }

    private static HelpfulVote next(
            String voter,
            long movie,
            UUID reviewId,
            String author,
            boolean mark,
            RatingEvent after,
            Map<String, Integer> versions,
            Map<String, HelpfulVote> latest,
            UUID erasureId) {
        int version = versions.merge(voter + "/" + movie, 1, Integer::sum);
        HelpfulVote vote = mark
                ? new ReviewMarkedHelpful(
                        UUID.randomUUID(), voter, movie, version, after.occurredAt(), reviewId, author)
                : new ReviewUnmarkedHelpful(
                        UUID.randomUUID(), voter, movie, version, after.occurredAt(), reviewId, author, erasureId);
        latest.put(voter + "/" + reviewId, vote);
        return vote;
    }

    private static boolean ends(RatingEvent event) {
        return event instanceof RatingRetracted
                || event instanceof RatingErased
                || event instanceof RatingSubmitted submitted && submitted.review() == null;
    }

    static Map<String, String> read(JdbcClient jdbc, long from, long to) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("""
                        select voter, review_id, movie_id, review_author, stream_version, marked, voted_at, counted
                        from projection.helpful_votes where movie_id >= ? and movie_id < ?""")
                .params(from, to)
                .query((rs, n) -> rows.put(
                        rs.getString(1) + "/" + rs.getString(2),
                        describe(
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getInt(5),
                                rs.getBoolean(6),
                                rs.getTimestamp(7).toInstant().toString(),
                                rs.getBoolean(8))))
                .list();
        // the count stored per review (V121), beside the votes it counts
        jdbc.sql("select review_id, movie_id, helpful_count from projection.helpful_counts"
                        + " where movie_id >= ? and movie_id < ?")
                .params(from, to)
                .query((rs, n) -> rows.put(
                        "count of " + rs.getString(1), "movie " + rs.getLong(2) + ", " + rs.getLong(3) + " helpful"))
                .list();
        return rows;
    }

    /** Per (voter, review) the highest version decides; it counts when marked and no end of the review follows. */
    static Map<String, String> expect(List<RatingEvent> history) {
        Map<String, Integer> latestIndex = new HashMap<>();
        Map<String, Integer> lastEnd = new HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            RatingEvent event = history.get(i);
            if (event instanceof HelpfulVote vote) {
                String key = vote.userId() + "/" + vote.reviewId();
                Integer before = latestIndex.get(key);
                if (before == null || vote.streamVersion() > history.get(before).streamVersion()) {
                    latestIndex.put(key, i);
                }
            } else if (RatingEvent.RATING_STREAM.equals(event.stream()) && ends(event)) {
                lastEnd.put(event.userId() + "/" + event.movieId(), i);
            }
        }
        Map<String, String> rows = new TreeMap<>();
        latestIndex.forEach((key, index) -> {
            HelpfulVote vote = (HelpfulVote) history.get(index);
            boolean ended = lastEnd.getOrDefault(vote.reviewAuthor() + "/" + vote.movieId(), -1) > index;
            rows.put(
                    key,
                    describe(
                            vote.movieId(),
                            vote.reviewAuthor(),
                            vote.streamVersion(),
                            vote.marked(),
                            vote.occurredAt().toString(),
                            vote.marked() && !ended));
            rows.merge(
                    "count of " + vote.reviewId(),
                    "movie " + vote.movieId() + ", " + (vote.marked() && !ended ? 1 : 0) + " helpful",
                    (a, b) -> "movie " + vote.movieId() + ", " + (helpful(a) + helpful(b)) + " helpful");
        });
        return rows;
    }

    private static long helpful(String count) {
        return Long.parseLong(count.substring(count.indexOf(", ") + 2, count.lastIndexOf(' ')));
    }

    private static String describe(long movie, String author, int version, boolean marked, String at, boolean counted) {
        return "movie " + movie + " by " + author + " v" + version + " marked=" + marked + " at=" + at + " counted="
                + counted;
    }
}
