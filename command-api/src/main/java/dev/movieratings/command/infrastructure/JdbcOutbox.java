package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Outbox;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcOutbox implements Outbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    JdbcOutbox(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public void markPublished(Set<UUID> eventIds) {
        FunctionMetrics.databaseTime(
                "outbox_mark",
                () -> jdbc.sql("update event_publications set published_at = now(),"
                                + " attempts = attempts + 1, last_error = null"
                                + " where event_id = any(?) and published_at is null")
                        .param(eventIds.toArray(UUID[]::new))
                        .update());
    }

    @Override
    public int relayBatch(int max, Duration minimumAge, Function<List<StoredEvent>, Set<UUID>> publish) {
        Integer claimed = FunctionMetrics.databaseTime(
                "outbox_relay",
                () -> transaction.execute(status -> {
                    List<StoredEvent> pending = jdbc.sql(
                                    "select p.position, e.payload::text as payload from event_publications p"
                                            + " join rating_events e on e.position = p.position"
                                            + " where p.published_at is null and p.created_at <= ?"
                                            + " order by p.position limit ? for update of p skip locked")
                            .params(Timestamp.from(Instant.now().minus(minimumAge)), max)
                            .query((rs, row) -> new StoredEvent(
                                    rs.getLong("position"), RatingEventJson.read(rs.getString("payload"))))
                            .list();
                    if (pending.isEmpty()) {
                        return 0;
                    }
                    Set<UUID> published;
                    String error = null;
                    try {
                        published = publish.apply(pending);
                    } catch (RuntimeException e) {
                        published = Set.of();
                        error = e.toString();
                    }
                    List<UUID> failed = new ArrayList<>();
                    for (StoredEvent event : pending) {
                        if (!published.contains(event.event().eventId())) {
                            failed.add(event.event().eventId());
                        }
                    }
                    if (!published.isEmpty()) {
                        markPublished(published);
                    }
                    if (!failed.isEmpty()) {
                        jdbc.sql("update event_publications set attempts = attempts + 1, last_error = ?"
                                        + " where event_id = any(?)")
                                .params(
                                        error == null ? "the bus did not accept the entry" : truncate(error),
                                        failed.toArray(UUID[]::new))
                                .update();
                    }
                    return pending.size();
                }));
        return claimed == null ? 0 : claimed;
    }

    @Override
    public OutboxStatus status() {
        return FunctionMetrics.databaseTime(
                "outbox_status",
                () -> jdbc.sql("select count(*) as unpublished, min(created_at) as oldest from event_publications"
                                + " where published_at is null")
                        .query((rs, row) -> {
                            Timestamp oldest = rs.getTimestamp("oldest");
                            return new OutboxStatus(
                                    rs.getLong("unpublished"),
                                    oldest == null
                                            ? Duration.ZERO
                                            : Duration.between(oldest.toInstant(), Instant.now()));
                        })
                        .single());
    }

    private static String truncate(String error) {
        return error.length() > 1000 ? error.substring(0, 1000) : error;
    }
}
