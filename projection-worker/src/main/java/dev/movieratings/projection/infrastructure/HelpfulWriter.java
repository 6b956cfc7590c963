package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.HelpfulVote;
import dev.movieratings.eventstore.StoredEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The helpful votes' tables in one schema (live or a rebuild's shadow): at most three statements a batch, the
 * votes', the ends of reviews' and the recount of the touched reviews' stored counts (see {@link HelpfulSql}).
 */
final class HelpfulWriter {

    private final JdbcClient jdbc;
    private final String applyVotes;
    private final String applyEnds;
    private final String countVotes;

    HelpfulWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.applyVotes = ProjectionSql.inSchema(HelpfulSql.APPLY_VOTES, schema);
        this.applyEnds = ProjectionSql.inSchema(HelpfulSql.APPLY_ENDS, schema);
        this.countVotes = ProjectionSql.inSchema(HelpfulSql.COUNT_VOTES, schema);
    }

    /** @return the vote events that moved their (voter, review) forward */
    Set<UUID> write(List<StoredEvent> votes, List<StoredEvent> ends) {
        Set<String> moved = new HashSet<>();
        if (!votes.isEmpty()) {
            List<HelpfulVote> events =
                    votes.stream().map(e -> (HelpfulVote) e.event()).toList();
            jdbc.sql(applyVotes)
                    .params(
                            texts(events.stream().map(HelpfulVote::userId)),
                            texts(events.stream().map(HelpfulVote::movieId)),
                            texts(events.stream().map(HelpfulVote::reviewId)),
                            texts(events.stream().map(HelpfulVote::reviewAuthor)),
                            texts(events.stream().map(HelpfulVote::streamVersion)),
                            texts(events.stream().map(HelpfulVote::marked)),
                            texts(votes.stream().map(StoredEvent::position)),
                            texts(events.stream().map(HelpfulVote::occurredAt)))
                    .query((rs, row) -> moved.add(key(rs.getString(1), rs.getString(2), rs.getInt(3))))
                    .list();
        }
        if (!ends.isEmpty()) {
            jdbc.sql(applyEnds)
                    .params(
                            texts(ends.stream().map(e -> e.event().userId())),
                            texts(ends.stream().map(e -> e.event().movieId())),
                            texts(ends.stream().map(StoredEvent::position)))
                    .update();
        }
        if (!votes.isEmpty() || !ends.isEmpty()) {
            List<HelpfulVote> voted =
                    votes.stream().map(e -> (HelpfulVote) e.event()).toList();
            jdbc.sql(countVotes)
                    .params(
                            texts(voted.stream().map(HelpfulVote::reviewId)),
                            texts(voted.stream().map(HelpfulVote::movieId)),
                            texts(ends.stream().map(e -> e.event().userId())),
                            texts(ends.stream().map(e -> e.event().movieId())))
                    .update();
        }
        Set<UUID> applied = new HashSet<>();
        for (StoredEvent stored : votes) {
            HelpfulVote vote = (HelpfulVote) stored.event();
            if (moved.contains(key(vote.userId(), vote.reviewId().toString(), vote.streamVersion()))) {
                applied.add(vote.eventId());
            }
        }
        return applied;
    }

    /**
     * The (user, movie) keys whose lock the events need: each event's own stream, and for a helpful vote also the
     * review author's (the rule that the end of a review ends its votes is applied under it, see HelpfulSql).
     */
    static Stream<Map.Entry<String, Long>> lockKeys(Collection<StoredEvent> events) {
        return events.stream()
                .flatMap(stored -> stored.event() instanceof HelpfulVote vote
                        ? Stream.of(
                                Map.entry(vote.userId(), vote.movieId()),
                                Map.entry(vote.reviewAuthor(), vote.movieId()))
                        : Stream.of(Map.entry(
                                stored.event().userId(), stored.event().movieId())));
    }

    private static String key(String voter, String reviewId, int version) {
        return voter + "\u0000" + reviewId + "\u0000" + version;
    }

    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
