package dev.movieratings.eventstore;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;
import org.postgresql.PGConnection;

/**
 * The batch append for imports: many events in one COPY, under the append-order lock, in the
 * caller's transaction (auto-commit off), so an import is kept whole or not at all. Appends no
 * idempotency keys: imported events come from no request.
 */
public final class EventCopy {

    private static final String COPY = """
            copy rating_events (event_id, event_type, schema_version, user_id, movie_id,
                                stream_version, occurred_at, payload, stream)
            from stdin with (format csv)""";

    private EventCopy() {}

    /** Appends the events in the order given, so their positions follow that order. */
    public static void append(Connection connection, Collection<? extends RatingEvent> events) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("a batch append runs in the caller's transaction: turn auto-commit off");
        }
        StringBuilder rows = new StringBuilder();
        for (RatingEvent event : events) {
            rows.append(event.eventId())
                    .append(',')
                    .append(event.type())
                    .append(',')
                    .append(event.schemaVersion())
                    .append(',')
                    .append(csv(event.userId()))
                    .append(',')
                    // an empty field is null: the person stream has no film
                    .append(Objects.toString(EventTable.filmOf(event), ""))
                    .append(',')
                    .append(event.streamVersion())
                    .append(',')
                    .append(event.occurredAt())
                    .append(',')
                    .append(csv(RatingEventJson.write(event)))
                    .append(',')
                    .append(event.stream())
                    .append('\n');
        }
        AppendOrder.lock(connection);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
        } catch (IOException e) {
            throw new SQLException("the batch append could not be sent", e);
        }
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
