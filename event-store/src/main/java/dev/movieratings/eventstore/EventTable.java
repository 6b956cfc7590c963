// Over 250 lines: the one adapter over rating_events: its append and every row read its users need.
package dev.movieratings.eventstore;

import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event table {@code rating_events}: the single append and the row reads its users need. Runs on
 * the caller's {@link JdbcClient}, so an append joins the caller's transaction (the command appends
 * its outbox record in the same one). Batch appends for imports are in {@link EventCopy}.
 */
public final class EventTable {

    private static final String APPEND = """
            insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream,
                                       stream_version, occurred_at, payload, idempotency_key, request_fingerprint)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
            returning position""";
    private static final String BY_IDEMPOTENCY_KEY = """
            select event_id, position, stream_version, request_fingerprint
            from rating_events
            where user_id = ? and idempotency_key = ?""";
    private static final String LATEST_OF_STREAM = """
            select payload::text
            from rating_events
            where user_id = ? and movie_id = ? and stream = ?
            order by stream_version desc
            limit 1""";
    /**
     * The watchlist stream's latest event and whether a rating was submitted after it (by position: the rule
     * that takes a rated film off the list, as the projection applies it).
     */
    private static final String WATCHLIST_STATE = """
            select w.stream_version, w.payload ->> 'type' = 'MovieWatchlisted' as listed,
                   exists (select 1 from rating_events r
                           where r.user_id = w.user_id and r.movie_id = w.movie_id and r.stream = 'rating'
                             and r.position > w.position and r.payload ->> 'type' = 'RatingSubmitted') as rated_after
            from rating_events w
            where w.user_id = ? and w.movie_id = ? and w.stream = 'watchlist'
            order by w.stream_version desc
            limit 1""";

    private static final String OF_STREAM = """
            select position, payload::text as payload
            from rating_events
            where user_id = ? and movie_id = ? and stream = 'rating'
            order by stream_version""";
    private static final String BY_IDS = """
            select position, payload::text as payload
            from rating_events
            where event_id = any(?::uuid[])""";
    private static final String BY_POSITIONS = """
            select position, payload::text as payload
            from rating_events
            where position = any(?)
            order by position""";
    private static final String BETWEEN = """
            select position, payload::text as payload
            from rating_events
            where position > ? and position <= ?
            order by position""";
    private static final String OF_USER = """
            select position, payload::text as payload
            from rating_events
            where user_id = ?
            order by position""";
    private static final String HIGHEST_POSITION = "select coalesce(max(position), 0) from rating_events";

    private static final RowMapper<StoredEvent> STORED =
            (rs, row) -> new StoredEvent(rs.getLong("position"), RatingEventJson.read(rs.getString("payload")));

    private final JdbcClient jdbc;

    public EventTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends one event as a command would, in a transaction of its own: for tests and benchmarks that
     * exercise the projector or the queries without going through the command side.
     *
     * @return the position the event was given
     */
    public static long append(DataSource dataSource, RatingEvent event) {
        EventTable table = new EventTable(JdbcClient.create(dataSource));
        Long position = new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .execute(status -> table.append(event, null, null));
        return position == null ? 0 : position;
    }

    /**
     * Appends the event under the append-order lock; must run inside the caller's transaction, which
     * holds the lock until it ends (so take it as late in the transaction as possible).
     *
     * @param idempotencyKey the request's Idempotency-Key, or null
     * @param fingerprint    what the request asked for, kept with the key to tell a replay from a reuse
     * @return the position the event was given
     * @throws StreamVersionTaken  when the stream already holds an event of this version
     * @throws IdempotencyKeyTaken when the user already used this idempotency key
     */
    public long append(RatingEvent event, @Nullable String idempotencyKey, @Nullable String fingerprint) {
        AppendOrder.lock(jdbc);
        try {
            return jdbc.sql(APPEND)
                    .params(
                            event.eventId(),
                            event.type(),
                            event.schemaVersion(),
                            event.userId(),
                            filmOf(event),
                            event.stream(),
                            event.streamVersion(),
                            Timestamp.from(event.occurredAt()),
                            RatingEventJson.write(event),
                            idempotencyKey,
                            idempotencyKey == null ? null : fingerprint)
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("rating_events_idempotency_key_unique")) {
                throw new IdempotencyKeyTaken(message, e);
            }
            if (message.contains("rating_events_stream_version_unique")) {
                throw new StreamVersionTaken(message, e);
            }
            throw e;
        }
    }

    /** The event's movie_id: null for the person stream, which belongs to no film (V122). */
    static @Nullable Long filmOf(RatingEvent event) {
        return PersonErased.PERSON_STREAM.equals(event.stream()) ? null : event.movieId();
    }

    /** What was appended under a user's idempotency key. */
    public record KeyedAppend(UUID eventId, long position, int streamVersion, String fingerprint) {}

    public Optional<KeyedAppend> findByIdempotencyKey(String userId, String idempotencyKey) {
        return jdbc.sql(BY_IDEMPOTENCY_KEY)
                .params(userId, idempotencyKey)
                .query((rs, row) -> new KeyedAppend(
                        rs.getObject("event_id", UUID.class),
                        rs.getLong("position"),
                        rs.getInt("stream_version"),
                        rs.getString("request_fingerprint")))
                .optional();
    }

    /** The rating stream's event with the highest version, if it has any. */
    public Optional<RatingEvent> latestOfStream(String userId, long movieId) {
        return latestOfStream(userId, movieId, RatingEvent.RATING_STREAM);
    }

    /** The named stream's event with the highest version, if it has any. */
    public Optional<RatingEvent> latestOfStream(String userId, long movieId, String stream) {
        return jdbc.sql(LATEST_OF_STREAM)
                .params(userId, movieId, stream)
                .query(String.class)
                .optional()
                .map(RatingEventJson::read);
    }

    /**
     * The watchlist stream's state for the command: its latest version (0 for none), whether its latest event
     * listed the film, and whether a rating was submitted after that event.
     */
    public record WatchlistStream(int version, boolean listed, boolean ratedAfter) {

        /** On the list: listed and not rated since (docs/architecture.md, "Watchlist"). */
        public boolean onList() {
            return listed && !ratedAfter;
        }
    }

    public WatchlistStream watchlistStream(String userId, long movieId) {
        return jdbc.sql(WATCHLIST_STATE)
                .params(userId, movieId)
                .query((rs, row) -> new WatchlistStream(
                        rs.getInt("stream_version"), rs.getBoolean("listed"), rs.getBoolean("rated_after")))
                .optional()
                .orElse(new WatchlistStream(0, false, false));
    }

    /**
     * Every event of one (user, movie) rating stream, in version order: its rating events and its diary events
     * (the watchlist stream beside it is left out).
     */
    public List<StoredEvent> ofStream(String userId, long movieId) {
        return jdbc.sql(OF_STREAM).params(userId, movieId).query(STORED).list();
    }

    /** The stored events under these ids, in no particular order; an id the table does not hold is left out. */
    public List<StoredEvent> byIds(Collection<UUID> eventIds) {
        return jdbc.sql(BY_IDS)
                .param(new SqlArrayValue(
                        "text", eventIds.stream().map(UUID::toString).toArray()))
                .query(STORED)
                .list();
    }

    /** The stored events at these positions, in position order. */
    public List<StoredEvent> atPositions(Collection<Long> positions) {
        return jdbc.sql(BY_POSITIONS)
                .param(new SqlArrayValue("bigint", positions.toArray()))
                .query(STORED)
                .list();
    }

    /** The events with positions in (after, upTo], in position order. */
    public List<StoredEvent> between(long after, long upTo) {
        return jdbc.sql(BETWEEN).params(after, upTo).query(STORED).list();
    }

    /** Streams the events with positions in (after, upTo] in position order, holding only one at a time. */
    public void forEachBetween(long after, long upTo, Consumer<StoredEvent> each) {
        jdbc.sql(BETWEEN).params(after, upTo).query(rs -> {
            each.accept(STORED.mapRow(rs, 0));
        });
    }

    /** Every event of one user, in position order (erasure and export read the person's whole history). */
    public List<StoredEvent> ofUser(String userId) {
        return jdbc.sql(OF_USER).param(userId).query(STORED).list();
    }

    /** The highest position handed out and visible, or 0 while the table is empty. */
    public long highestPosition() {
        return jdbc.sql(HIGHEST_POSITION).query(Long.class).single();
    }

    /** Another writer appended this version of the stream first. */
    public static final class StreamVersionTaken extends RuntimeException {
        StreamVersionTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The user already used this idempotency key. */
    public static final class IdempotencyKeyTaken extends RuntimeException {
        IdempotencyKeyTaken(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
