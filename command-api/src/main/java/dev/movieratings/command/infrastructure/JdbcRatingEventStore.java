package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Accepted;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.RatingStream;
import java.sql.Timestamp;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command side's port onto the event table: the user's row, the event (appended by the event
 * store under its append-order lock) and its publication record, in one transaction.
 */
class JdbcRatingEventStore implements RatingEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRatingEventStore.class);

    private static final String RECORD_USER = "insert into users (user_id) values (?) on conflict do nothing";
    /** A stream keeps the text of its latest event only: a newer event replaces or removes the older one. */
    private static final String FORGET_STREAM_TEXT =
            "delete from personal.review_texts where user_id = ? and movie_id = ?";

    /**
     * The stream's text under the new version. A review that goes on keeps its identity (review_id: the event that
     * first wrote it) whatever its text becomes, and its write time while the text stays the same, so a change of
     * the stars alone (from the ratings API or the diary) neither renames it nor makes it newer (issue 20).
     */
    private static final String KEEP_REVIEW_TEXT = """
            insert into personal.review_texts as t (user_id, movie_id, stream_version, text, review_id, written_at)
            values (?, ?, ?, ?, ?, ?)
            on conflict (user_id, movie_id) do update set
                stream_version = excluded.stream_version,
                text = excluded.text,
                written_at = case when t.text = excluded.text then t.written_at else excluded.written_at end""";

    private static final String RECORD_PUBLICATION =
            "insert into event_publications (position, event_id) values (?, ?)";

    private final JdbcClient jdbc;
    private final EventTable events;
    private final TransactionTemplate transaction;

    JdbcRatingEventStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
        this.transaction = transaction;
    }

    @Override
    public Optional<RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> events.findByIdempotencyKey(userId, idempotencyKey)
                        .map(keyed -> new RecordedCommand(
                                new Accepted(keyed.eventId(), keyed.position(), keyed.streamVersion()),
                                keyed.fingerprint())));
    }

    /** Read whole: diary events share the stream, so its latest event need not be a rating event. */
    @Override
    public RatingStream stream(String userId, long movieId) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> RatingStream.of(
                        userId,
                        movieId,
                        events.ofStream(userId, movieId).stream()
                                .map(StoredEvent::event)
                                .toList()));
    }

    @Override
    public StoredEvent append(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint) {
        Long position;
        try {
            position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> appendInTransaction(event, idempotencyKey, fingerprint)));
        } catch (EventTable.IdempotencyKeyTaken e) {
            throw new IdempotencyKeyTaken(e.getMessage());
        } catch (EventTable.StreamVersionTaken e) {
            throw new StreamVersionConflict(e.getMessage());
        }
        appended(event, position);
        return new StoredEvent(position, event);
    }

    /**
     * The append's work inside the caller's transaction: the user's row, the review text, the event and its
     * publication record. The diary's commands append through here too, so a rating they set is kept exactly
     * as a rating command's is. Count and log the event once the transaction committed ({@link #appended}).
     */
    long appendInTransaction(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint) {
        jdbc.sql(RECORD_USER).param(event.userId()).update();
        keepReviewText(event);
        long appended = events.append(event, idempotencyKey, fingerprint);
        jdbc.sql(RECORD_PUBLICATION).params(appended, event.eventId()).update();
        return appended;
    }

    static void appended(RatingEvent event, long position) {
        MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment();
        LOG.info("event {} ({}) appended at position {}", event.eventId(), event.type(), position);
    }

    /** The review's text goes to the personal store, never into the event (its JSON drops the text). */
    private void keepReviewText(RatingEvent event) {
        if (event instanceof DiaryEvent) {
            return; // a viewing in the diary changes nothing of the stream's review
        }
        Review review = event instanceof RatingSubmitted submitted ? submitted.review() : null;
        String text = review == null ? null : review.text();
        if (text == null) {
            // no review any more (a rating without one, a retraction, an erasure): a later one is a new review
            jdbc.sql(FORGET_STREAM_TEXT).params(event.userId(), event.movieId()).update();
        } else {
            jdbc.sql(KEEP_REVIEW_TEXT)
                    .params(
                            event.userId(),
                            event.movieId(),
                            event.streamVersion(),
                            text,
                            event.eventId(),
                            Timestamp.from(event.occurredAt()))
                    .update();
        }
    }
}
