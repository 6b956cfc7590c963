package dev.movieratings.embedded;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * Puts an event straight into the event table, as if a command had appended it: for tests and
 * benchmarks that exercise the projector or the queries without going through the command side.
 */
public final class EventTable {

    private EventTable() {}

    /** @return the position the event was given */
    public static long append(DataSource dataSource, RatingEvent event) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into rating_events (event_id, event_type, schema_version,"
                                + " user_id, movie_id, stream_version, occurred_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning position")) {
            insert.setObject(1, event.eventId());
            insert.setString(2, event.type());
            insert.setInt(3, event.schemaVersion());
            insert.setString(4, event.userId());
            insert.setLong(5, event.movieId());
            insert.setInt(6, event.streamVersion());
            insert.setTimestamp(7, Timestamp.from(event.occurredAt()));
            insert.setString(8, RatingEventJson.write(event));
            try (ResultSet position = insert.executeQuery()) {
                position.next();
                return position.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not append " + event.type() + " " + event.eventId(), e);
        }
    }
}
