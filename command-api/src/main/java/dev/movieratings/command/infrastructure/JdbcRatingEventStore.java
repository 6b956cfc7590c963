package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Accepted;
import dev.movieratings.command.application.RatingEventStore;
import dev.movieratings.command.application.StoredEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.observability.MeterCatalogue;
import dev.movieratings.rating.RatingStream;
import dev.movieratings.rating.Stars;
import java.sql.Timestamp;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event table in PostgreSQL. Appends take a transaction-scoped advisory lock just before the
 * insert, so positions are handed out in commit order: once a position is visible, every lower one
 * is committed (or rolled back). The projector's low watermark relies on that.
 */
class JdbcRatingEventStore implements RatingEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRatingEventStore.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    JdbcRatingEventStore(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public Optional<RecordedCommand> findByIdempotencyKey(String userId, String idempotencyKey) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> jdbc.sql(
                                "select event_id, position, request_fingerprint from rating_events where user_id = ? and idempotency_key = ?")
                        .params(userId, idempotencyKey)
                        .query((rs, row) -> new RecordedCommand(
                                new Accepted(rs.getObject("event_id", java.util.UUID.class), rs.getLong("position")),
                                rs.getString("request_fingerprint")))
                        .optional());
    }

    @Override
    public RatingStream stream(String userId, long movieId) {
        return FunctionMetrics.databaseTime(
                "event_read",
                () -> jdbc.sql(
                                "select payload::text from rating_events where user_id = ? and movie_id = ? order by stream_version desc limit 1")
                        .params(userId, movieId)
                        .query(String.class)
                        .optional()
                        .map(RatingEventJson::read)
                        .map(last -> last instanceof RatingSubmitted submitted
                                ? new RatingStream(
                                        userId,
                                        movieId,
                                        last.streamVersion(),
                                        Stars.of(submitted.stars()),
                                        submitted.ratedSince())
                                : new RatingStream(userId, movieId, last.streamVersion(), null, null))
                        .orElse(RatingStream.empty(userId, movieId)));
    }

    @Override
    public StoredEvent append(RatingEvent event, String displayName, String idempotencyKey, String fingerprint) {
        try {
            Long position = FunctionMetrics.databaseTime(
                    "event_append",
                    () -> transaction.execute(status -> {
                        jdbc.sql(
                                        "insert into users (user_id, display_name) values (?, ?) on conflict (user_id) do update"
                                                + " set display_name = excluded.display_name where users.display_name <> excluded.display_name")
                                .params(event.userId(), displayName)
                                .update();
                        jdbc.sql("select pg_advisory_xact_lock(?)")
                                .param(EventAppendOrder.LOCK_KEY)
                                .query(Object.class)
                                .single();
                        long appended = jdbc.sql(
                                        "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                                                + " stream_version, occurred_at, payload, idempotency_key, request_fingerprint)"
                                                + " values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning position")
                                .params(
                                        event.eventId(),
                                        event.type(),
                                        event.schemaVersion(),
                                        event.userId(),
                                        event.movieId(),
                                        event.streamVersion(),
                                        Timestamp.from(event.occurredAt()),
                                        RatingEventJson.write(event),
                                        idempotencyKey,
                                        idempotencyKey == null ? null : fingerprint)
                                .query(Long.class)
                                .single();
                        jdbc.sql("insert into event_publications (position, event_id) values (?, ?)")
                                .params(appended, event.eventId())
                                .update();
                        return appended;
                    }));
            MeterCatalogue.EVENTS_APPENDED.counter(event.type()).increment();
            LOG.info("event {} ({}) appended at position {}", event.eventId(), event.type(), position);
            return new StoredEvent(position, event);
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("rating_events_idempotency_key_unique")) {
                throw new IdempotencyKeyTaken(message);
            }
            if (message.contains("rating_events_stream_version_unique")) {
                throw new StreamVersionConflict(message);
            }
            throw e;
        }
    }
}
