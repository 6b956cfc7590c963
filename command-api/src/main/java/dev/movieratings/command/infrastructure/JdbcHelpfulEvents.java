package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.HelpfulEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.helpful.ReviewToVoteOn;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The helpful commands' port (issue 20): the review ids of the personal store (the command function holds it),
 * the voter's helpful stream, and the append of a vote event through {@link JdbcOwnStreamEvents}.
 */
class JdbcHelpfulEvents implements HelpfulEvents {

    private static final String REVIEW = """
            select review_id, movie_id, user_id from personal.review_texts where movie_id = ? and review_id = ?""";

    private final JdbcClient jdbc;
    private final JdbcOwnStreamEvents stream;

    JdbcHelpfulEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.stream = new JdbcOwnStreamEvents(jdbc, transaction, RatingEvent.HELPFUL_STREAM);
    }

    @Override
    public Optional<ReviewToVoteOn> review(long movieId, UUID reviewId) {
        return FunctionMetrics.databaseTime(
                "review_read",
                () -> jdbc.sql(REVIEW)
                        .params(movieId, reviewId)
                        .query((rs, row) -> new ReviewToVoteOn(
                                rs.getObject("review_id", UUID.class), rs.getLong("movie_id"), rs.getString("user_id")))
                        .optional());
    }

    @Override
    public HelpfulStream stream(String voter, long movieId) {
        return HelpfulStream.of(voter, movieId, stream.read(() -> stream.events(voter, movieId)));
    }

    @Override
    public StoredEvent append(RatingEvent event) {
        return stream.append(event);
    }
}
