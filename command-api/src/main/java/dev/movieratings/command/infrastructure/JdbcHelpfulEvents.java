package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.HelpfulEvents;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.helpful.HelpfulStream;
import dev.movieratings.rating.helpful.ReviewToVoteOn;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The helpful commands' port (issue 20): the review ids of the personal store (the command function holds it),
 * the voter's helpful stream, and the append of a vote event with its publication record in one transaction.
 */
class JdbcHelpfulEvents implements HelpfulEvents {

    private static final String REVIEW = """
            select review_id, movie_id, user_id from personal.review_texts where movie_id = ? and review_id = ?""";
    private static final String STREAM = """
            select payload::text from rating_events
            where user_id = ? and movie_id = ? and stream = 'helpful'
            order by stream_version""";
    private static final String RECORD_USER = "insert into users (user_id) values (?) on conflict do nothing";
    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;

    JdbcHelpfulEvents(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
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
        List<RatingEvent> stream = FunctionMetrics.databaseTime(
                "event_read",
                () -> jdbc.sql(STREAM).params(voter, movieId).query(String.class).list().stream()
                        .map(RatingEventJson::read)
                        .toList());
        return HelpfulStream.of(voter, movieId, stream);
    }

    @Override
    public StoredEvent append(RatingEvent event) {
        Long position;
        try {
            position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(RECORD_USER).param(event.userId()).update();
                        long appended = events.append(event, null, null);
                        jdbc.sql(RECORD_PUBLICATION)
                                .params(appended, event.eventId())
                                .update();
                        return appended;
                    }));
        } catch (EventTable.StreamVersionTaken e) {
            throw new RatingEventStore.StreamVersionConflict(e.getMessage());
        }
        MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment();
        return new StoredEvent(position == null ? 0 : position, event);
    }
}
