package dev.movieratings.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Benchmark fixtures generated inside PostgreSQL: millions of events from one query, far faster than
 * sending them. The query yields, in position order, the columns {@code event_id, event_type,
 * schema_version, user_id, movie_id, stream_version, occurred_at, payload}. Not for production data:
 * nothing checks the payloads against the event schemas.
 */
public final class GeneratedEvents {

    private static final String INSERT = """
            insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,
                                       stream_version, occurred_at, payload)
            """;
    private static final String DROP_CONSTRAINTS = """
            alter table rating_events
                drop constraint rating_events_movie_id_fkey,
                drop constraint rating_events_event_id_unique,
                drop constraint rating_events_stream_version_unique,
                drop constraint rating_events_idempotency_key_unique""";
    // the same names and definitions as the migration's, so the table ends exactly as it defines it
    private static final String ADD_CONSTRAINTS = """
            alter table rating_events
                add constraint rating_events_movie_id_fkey foreign key (movie_id) references movies (movie_id),
                add constraint rating_events_event_id_unique unique (event_id),
                add constraint rating_events_stream_version_unique unique (user_id, movie_id, stream, stream_version),
                add constraint rating_events_idempotency_key_unique unique (user_id, idempotency_key)""";

    private GeneratedEvents() {}

    /**
     * Appends what the query generates in one transaction under the append-order lock.
     *
     * @param parameters the query's parameters, in order
     * @return how many events were appended
     */
    public static long append(Connection connection, String query, Object... parameters) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement(INSERT + query)) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            AppendOrder.lock(connection);
            long appended = insert.executeLargeUpdate();
            connection.commit();
            return appended;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * As {@link #append}, into an empty table, with its unique indexes and movie foreign key dropped for
     * the load and added back afterwards (building an index once beats updating it row by row); then
     * vacuumed and analyzed, so the first query timed does not pay for hint bits.
     */
    public static long load(Connection connection, String query, Object... parameters) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute(DROP_CONSTRAINTS);
            long appended = append(connection, query, parameters);
            sql.execute(ADD_CONSTRAINTS);
            sql.execute("vacuum (analyze) rating_events");
            return appended;
        }
    }
}
