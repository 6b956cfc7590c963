package dev.movieratings.ops.cli;

import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.ops.pipeline.AuditLog;
import dev.movieratings.ops.pipeline.ParkedEvents;
import dev.movieratings.ops.pipeline.Replay;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code ops events park | retry | replay-parked}: set an event the projector cannot apply aside so the
 * watermark passes it, and hand it (or every parked one) to the projector again after the fix. Retries go
 * through the projector's own queue, so the projector that runs (with its fix) applies them, exactly as a
 * delivery from the bus; the command waits for the outcome. Every action is written to the audit log.
 */
@Command(
        name = "events",
        description = "Park an event the projector cannot apply; retry one; replay every parked one.",
        subcommands = {EventsCommand.Park.class, EventsCommand.Retry.class, EventsCommand.ReplayParked.class})
final class EventsCommand {

    @CommandLine.ParentCommand
    OpsCli ops;

    static String actor() {
        return "os:" + System.getProperty("user.name", "unknown");
    }

    static UUID eventId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new OpsFailure("--event must be an event id (a UUID), got '" + raw + "'");
        }
    }

    StoredEvent stored(ParkedEvents parked, UUID eventId) {
        return parked.event(eventId).orElseThrow(() -> new OpsFailure("there is no event " + eventId));
    }

    @Command(name = "park", description = "Set an event aside: the watermark passes it; it is not applied.")
    static final class Park implements Callable<Integer> {
        @CommandLine.ParentCommand
        EventsCommand events;

        @Option(names = "--event", required = true, description = "The event id.")
        String event;

        @Option(names = "--reason", required = true, description = "Why, for the audit log (1 to 500 characters).")
        String reason;

        @Override
        public Integer call() {
            UUID id = eventId(event);
            if (reason.isBlank() || reason.length() > 500) {
                throw new OpsFailure("--reason must say why in 1 to 500 characters, got " + reason.length());
            }
            JdbcClient jdbc = JdbcClient.create(events.ops.connection().dataSource());
            ParkedEvents parked = new ParkedEvents(jdbc);
            StoredEvent stored = events.stored(parked, id);
            long watermark;
            try {
                watermark = parked.park(stored, reason.strip(), actor());
            } catch (ParkedEvents.Refused e) {
                new AuditLog(jdbc).record(actor(), "park", id, reason.strip(), "refused: " + e.getMessage());
                throw new OpsFailure(e.getMessage());
            }
            new AuditLog(jdbc).record(actor(), "park", id, reason.strip(), "parked at position " + stored.position());
            System.out.println("Parked event " + id + " at position " + stored.position() + "; watermark " + watermark);
            return 0;
        }
    }

    @Command(name = "retry", description = "Hand one event to the projector again and wait until it is applied.")
    static final class Retry implements Callable<Integer> {
        @CommandLine.ParentCommand
        EventsCommand events;

        @Option(names = "--event", required = true, description = "The event id.")
        String event;

        @Option(
                names = "--wait-seconds",
                defaultValue = "60",
                description = "How long to wait for the projector. Default: ${DEFAULT-VALUE}")
        int waitSeconds;

        @Override
        public Integer call() {
            UUID id = eventId(event);
            return events.replay("retry", List.of(id), waitSeconds);
        }
    }

    @Command(name = "replay-parked", description = "Hand every parked event to the projector again after a fix.")
    static final class ReplayParked implements Callable<Integer> {
        @CommandLine.ParentCommand
        EventsCommand events;

        @Option(
                names = "--wait-seconds",
                defaultValue = "60",
                description = "How long to wait for the projector. Default: ${DEFAULT-VALUE}")
        int waitSeconds;

        @Override
        public Integer call() {
            JdbcClient jdbc = JdbcClient.create(events.ops.connection().dataSource());
            return events.replay("replay-parked", new ParkedEvents(jdbc).waiting(), waitSeconds);
        }
    }

    /** Sends each event to the projector's queue, then waits (with a deadline) until each is applied. */
    int replay(String action, List<UUID> ids, int waitSeconds) {
        if (waitSeconds < 1) {
            throw new OpsFailure("--wait-seconds must be at least 1, got " + waitSeconds);
        }
        OpsConnection connection = ops.connection();
        List<Replay.Outcome> outcomes;
        try (SqsClient sqs = connection.sqs()) {
            Replay replay = new Replay(
                    JdbcClient.create(connection.dataSource()),
                    body -> sqs.sendMessage(
                            b -> b.queueUrl(connection.queueUrl()).messageBody(body)));
            outcomes = replay.replay(action, ids, Duration.ofSeconds(waitSeconds), actor());
        } catch (Replay.Refused e) {
            throw new OpsFailure(e.getMessage());
        }
        long applied = outcomes.stream().filter(Replay.Outcome::applied).count();
        for (Replay.Outcome outcome : outcomes) {
            System.out.println((outcome.applied() ? "applied      " : "NOT APPLIED  ") + outcome.eventId()
                    + " (position " + outcome.position() + ")");
        }
        System.out.println(applied + " of " + outcomes.size() + " event(s) applied"
                + (applied == outcomes.size() ? "" : "; see ops status for the failure"));
        return applied == outcomes.size() ? 0 : 1;
    }
}
