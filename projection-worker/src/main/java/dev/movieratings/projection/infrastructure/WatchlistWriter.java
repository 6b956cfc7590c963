package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.eventstore.StoredEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * The watchlist's table in one schema (live or a rebuild's shadow): at most two statements a batch, the
 * watchlist events' and the submitted ratings' (see {@link WatchlistSql}).
 */
final class WatchlistWriter {

    private final JdbcClient jdbc;
    private final String watchlistEvents;
    private final String watchlistRatings;

    WatchlistWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.watchlistEvents = ProjectionSql.inSchema(WatchlistSql.APPLY_EVENTS, schema);
        this.watchlistRatings = ProjectionSql.inSchema(WatchlistSql.APPLY_RATINGS, schema);
    }

    /** @return the watchlist events that moved their stream forward */
    Set<UUID> write(List<StoredEvent> watchlist, List<StoredEvent> submitted) {
        Set<String> moved = new HashSet<>();
        if (!watchlist.isEmpty()) {
            jdbc.sql(watchlistEvents)
                    .params(
                            texts(watchlist.stream().map(e -> e.event().userId())),
                            texts(watchlist.stream().map(e -> e.event().movieId())),
                            texts(watchlist.stream().map(e -> e.event().streamVersion())),
                            texts(watchlist.stream().map(e -> e.event() instanceof MovieWatchlisted)),
                            texts(watchlist.stream().map(StoredEvent::position)),
                            texts(watchlist.stream().map(e -> e.event().occurredAt())))
                    .query((rs, row) -> moved.add(rs.getString(1) + "\u0000" + rs.getLong(2) + "\u0000" + rs.getInt(3)))
                    .list();
        }
        if (!submitted.isEmpty()) {
            jdbc.sql(watchlistRatings)
                    .params(
                            texts(submitted.stream().map(e -> e.event().userId())),
                            texts(submitted.stream().map(e -> e.event().movieId())),
                            texts(submitted.stream().map(StoredEvent::position)))
                    .update();
        }
        Set<UUID> applied = new HashSet<>();
        for (StoredEvent stored : watchlist) {
            RatingEvent event = stored.event();
            if (moved.contains(event.userId() + "\u0000" + event.movieId() + "\u0000" + event.streamVersion())) {
                applied.add(event.eventId());
            }
        }
        return applied;
    }

    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
