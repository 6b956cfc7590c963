package dev.movieratings.ops.pipeline;

import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code retry} and {@code replay-parked}, for the command line and the ops Lambda alike: each event goes to
 * the projector's own queue in the envelope the bus gives it, so the projector that runs (with its fix)
 * applies it exactly as a delivery; then this waits, with a deadline, until each is applied. Parked events
 * that were applied are marked replayed; every event's outcome goes to the audit log.
 */
public final class Replay {

    private static final String ACCOUNT = "000000000000";

    /** One event's outcome. */
    public record Outcome(UUID eventId, long position, boolean applied) {}

    /** Why nothing was sent, in words for the operator. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final Consumer<String> projectorQueue;

    /** @param projectorQueue sends one message body to the projector's queue */
    public Replay(JdbcClient jdbc, Consumer<String> projectorQueue) {
        this.jdbc = jdbc;
        this.projectorQueue = projectorQueue;
    }

    public List<UUID> parked() {
        return new ParkedEvents(jdbc).waiting();
    }

    /** @param action "retry" or "replay-parked", for the audit log */
    public List<Outcome> replay(String action, List<UUID> ids, Duration wait, String actor) {
        if (wait.isNegative() || wait.isZero()) {
            throw new Refused("the wait must be at least 1 second, got " + wait.toSeconds());
        }
        ParkedEvents parked = new ParkedEvents(jdbc);
        List<StoredEvent> pending = new ArrayList<>();
        for (UUID id : ids) {
            pending.add(parked.event(id).orElseThrow(() -> new Refused("there is no event " + id)));
        }
        for (StoredEvent stored : pending) {
            projectorQueue.accept(BusEnvelope.wrap(stored.event(), ACCOUNT, "ops", Instant.now()));
        }
        Instant deadline = Instant.now().plus(wait);
        List<StoredEvent> notApplied = new ArrayList<>(pending);
        while (!notApplied.isEmpty() && Instant.now().isBefore(deadline)) {
            notApplied.removeIf(parked::applied);
            if (!notApplied.isEmpty()) {
                pause();
            }
        }
        AuditLog audit = new AuditLog(jdbc);
        List<Outcome> outcomes = new ArrayList<>();
        for (StoredEvent stored : pending) {
            UUID id = stored.event().eventId();
            boolean ok = !notApplied.contains(stored);
            if (ok) {
                parked.markAppliedIfSo(id);
            }
            audit.record(actor, action, id, null, ok ? "applied" : "not applied within " + wait.toSeconds() + " s");
            outcomes.add(new Outcome(id, stored.position(), ok));
        }
        return outcomes;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted while waiting for the projector");
        }
    }
}
