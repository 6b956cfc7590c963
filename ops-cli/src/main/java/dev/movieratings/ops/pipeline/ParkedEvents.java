package dev.movieratings.ops.pipeline;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.projection.infrastructure.ProjectionWriter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events an operator set aside (ops.parked_events). A parked event counts as decided: the watermark
 * passes it, so it no longer holds back every event after it; it is not applied until the projector
 * applies it on a retry or replay, or a rebuild folds it in.
 */
public final class ParkedEvents {

    private static final String PARK = """
            insert into ops.parked_events (position, event_id, reason, parked_by) values (?, ?, ?, ?)
            on conflict (position) do update set
                reason = excluded.reason, parked_by = excluded.parked_by, parked_at = now(), replayed_at = null
            where ops.parked_events.replayed_at is not null""";
    private static final String IS_APPLIED = """
            select exists (select 1 from projection.applied_events where position = ?)
                or ? <= (select position from projection.watermark)
                   and not exists (select 1 from ops.parked_events where position = ? and replayed_at is null)""";
    private static final String WAITING = """
            select event_id from ops.parked_events where replayed_at is null order by position""";
    private static final String APPLIED_NOW = """
            update ops.parked_events p set replayed_at = now()
            where p.event_id = ? and p.replayed_at is null
              and exists (select 1 from projection.applied_events a where a.position = p.position)""";

    /** Why an event cannot be parked, in words for the operator. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final EventTable events;

    public ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.events = new EventTable(jdbc);
    }

    public Optional<StoredEvent> event(UUID eventId) {
        return events.byIds(List.of(eventId)).stream().findFirst();
    }

    /** @return the watermark after parking, moved past the event if nothing before it is undecided */
    public long park(StoredEvent stored, String reason, String actor) {
        if (applied(stored)) {
            throw new Refused("event " + stored.event().eventId() + " is applied already; there is nothing to park");
        }
        int parked = jdbc.sql(PARK)
                .params(stored.position(), stored.event().eventId(), reason, actor)
                .update();
        if (parked == 0) {
            throw new Refused("event " + stored.event().eventId() + " is parked already");
        }
        return ProjectionWriter.advanceLiveWatermark(jdbc);
    }

    public boolean applied(StoredEvent stored) {
        return jdbc.sql(IS_APPLIED)
                .params(stored.position(), stored.position(), stored.position())
                .query(Boolean.class)
                .single();
    }

    public List<UUID> waiting() {
        return jdbc.sql(WAITING).query(UUID.class).list();
    }

    /** Marks a parked event replayed once the projector has applied it; false while it has not. */
    public boolean markAppliedIfSo(UUID eventId) {
        return jdbc.sql(APPLIED_NOW).param(eventId).update() == 1;
    }
}
