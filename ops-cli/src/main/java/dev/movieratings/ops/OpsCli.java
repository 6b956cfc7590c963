package dev.movieratings.ops;

import dev.movieratings.command.CommandApiApplication;
import dev.movieratings.command.relay.OutboxRelayFunction;
import dev.movieratings.projection.infrastructure.ProjectionRebuild;
import dev.movieratings.projection.infrastructure.ProjectionVerification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operators' command line: {@code ./ops.sh rebuild | verify | dlq list | dlq redrive | outbox status | outbox republish}. */
@Command(
        name = "ops",
        mixinStandardHelpOptions = true,
        version = "movie-ratings ops 1.0",
        description = "Operate the Movie Ratings projections, dead-letter queue and outbox.",
        subcommands = {OpsCli.Rebuild.class, OpsCli.Verify.class, OpsCli.Dlq.class, OpsCli.Outbox.class})
public final class OpsCli {

    @Option(
            names = "--local-data",
            defaultValue = ".local-data",
            scope = CommandLine.ScopeType.INHERIT,
            description =
                    "Data folder of a running local runtime (ignored when SPRING_DATASOURCE_URL is set). Default: ${DEFAULT-VALUE}")
    Path localData;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new OpsCli());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof OpsFailure) {
                cmd.getErr().println("ops: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    OpsConnection connection() {
        return OpsConnection.resolve(localData);
    }

    @Command(
            name = "rebuild",
            description =
                    "Rebuild the projections from the event table into shadow tables and swap them in atomically.")
    static final class Rebuild implements Callable<Integer> {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Option(
                names = "--projection",
                defaultValue = "all",
                description =
                        "Which projection to rebuild. Scores, reviews and per-user ratings come from one fold and are swapped together, so: all")
        String projection;

        @Override
        public Integer call() {
            if (!projection.equals("all")) {
                throw new OpsFailure("cannot rebuild projection '" + projection
                        + "' on its own: scores, reviews and per-user ratings"
                        + " are built from one fold and swapped together; use --projection all");
            }
            ProjectionRebuild.Report report =
                    new ProjectionRebuild(ops.connection().dataSource()).rebuildAll(TerminalProgress.create());
            System.out.printf(
                    "Rebuilt %d events (%d caught up during the rebuild) into %d ratings and %d movie scores in %.1f s (%.0f events/s); watermark %d%n",
                    report.events(),
                    report.caughtUp(),
                    report.streams(),
                    report.movies(),
                    report.took().toMillis() / 1000.0,
                    report.eventsPerSecond(),
                    report.watermark());
            return 0;
        }
    }

    @Command(
            name = "verify",
            description =
                    "Recompute the projections from the events and compare them with the live tables; exit 1 on any difference.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Override
        public Integer call() {
            ProjectionVerification.Report report =
                    new ProjectionVerification(ops.connection().dataSource()).verify();
            report.differences().forEach(difference -> System.out.println("DIFFERENCE " + difference));
            System.out.printf(
                    "Verified %d applied events (watermark %d): %s%n",
                    report.eventsFolded(),
                    report.watermark(),
                    report.clean()
                            ? "projections match the events"
                            : report.differences().size() + " difference(s)");
            return report.clean() ? 0 : 1;
        }
    }

    @Command(
            name = "dlq",
            description = "The projector's dead-letter queue.",
            subcommands = {Dlq.ListLetters.class, Dlq.Redrive.class})
    static final class Dlq {
        @CommandLine.ParentCommand
        OpsCli ops;

        DeadLetters deadLetters() {
            OpsConnection connection = ops.connection();
            return new DeadLetters(
                    connection.sqs(),
                    connection.queueUrl(),
                    connection.deadLetterQueueUrl(),
                    JdbcClient.create(connection.dataSource()));
        }

        @Command(
                name = "list",
                description = "Show what sits in the dead-letter queue: event id, type, receive count, error.")
        static final class ListLetters implements Callable<Integer> {
            @CommandLine.ParentCommand
            Dlq dlq;

            @Option(
                    names = "--max",
                    defaultValue = "100",
                    description = "At most this many messages. Default: ${DEFAULT-VALUE}")
            int max;

            @Override
            public Integer call() {
                List<DeadLetters.Letter> letters = dlq.deadLetters().list(positive(max));
                letters.forEach(l -> System.out.printf(
                        "%s  %-16s receives=%d  message=%s  error=%s%n",
                        l.eventId(), l.type(), l.receives(), l.messageId(), l.error()));
                System.out.println(letters.size() + " message(s) in the dead-letter queue");
                return 0;
            }
        }

        @Command(
                name = "redrive",
                description = "Move messages from the dead-letter queue back to the projector's queue.")
        static final class Redrive implements Callable<Integer> {
            @CommandLine.ParentCommand
            Dlq dlq;

            @Option(
                    names = "--max",
                    defaultValue = "1000",
                    description = "At most this many messages. Default: ${DEFAULT-VALUE}")
            int max;

            @Override
            public Integer call() {
                System.out.println("Moved " + dlq.deadLetters().redrive(positive(max))
                        + " message(s) back to the projector's queue");
                return 0;
            }
        }
    }

    @Command(
            name = "outbox",
            description = "Events committed but not yet on the bus.",
            subcommands = {Outbox.Status.class, Outbox.Republish.class})
    static final class Outbox {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Command(name = "status", description = "How many events are unpublished, and how old the oldest is.")
        static final class Status implements Callable<Integer> {
            @CommandLine.ParentCommand
            Outbox outbox;

            @Override
            public Integer call() {
                Map<String, Object> row = JdbcClient.create(
                                outbox.ops.connection().dataSource())
                        .sql(
                                "select count(*) as unpublished, coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as oldest_seconds,"
                                        + " coalesce(max(attempts), 0) as most_attempts from event_publications where published_at is null")
                        .query()
                        .singleRow();
                System.out.printf(
                        "%s unpublished event(s); oldest %s; most attempts %s%n",
                        row.get("unpublished"),
                        Duration.ofSeconds(((Number) row.get("oldest_seconds")).longValue()),
                        row.get("most_attempts"));
                return 0;
            }
        }

        @Command(
                name = "republish",
                description = "Publish every unpublished event now, through the same relay the schedule runs.")
        static final class Republish implements Callable<Integer> {
            @CommandLine.ParentCommand
            Outbox outbox;

            @Override
            public Integer call() {
                OpsConnection connection = outbox.ops.connection();
                // command-line arguments outrank every other property source, so what is set here is what runs
                List<String> arguments = new java.util.ArrayList<>(List.of(
                        "--spring.datasource.url=" + connection.jdbcUrl(),
                        "--OUTBOX_RELAY_MIN_AGE_MS=0",
                        "--logging.level.root=WARN"));
                // as the ops role, which holds the relay's rights
                if (connection.user() != null) {
                    arguments.add("--spring.datasource.username=" + connection.user());
                    arguments.add("--spring.datasource.password=" + connection.password());
                }
                if (connection.local()) {
                    arguments.addAll(List.of(
                            "--EVENT_BUS_KIND=sqs",
                            "--LOCAL_BUS_SQS_ENDPOINT=" + connection.sqsEndpoint(),
                            "--LOCAL_BUS_QUEUE_URL=" + connection.queueUrl()));
                }
                SpringApplicationBuilder builder =
                        new SpringApplicationBuilder(CommandApiApplication.class).web(WebApplicationType.NONE);
                try (ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new))) {
                    Map<String, Object> result =
                            context.getBean(OutboxRelayFunction.class).apply(Map.of());
                    System.out.println("Relayed " + result.get("claimed") + " event(s); " + result.get("unpublished")
                            + " still unpublished");
                    return ((Number) result.get("unpublished")).longValue() == 0 ? 0 : 1;
                }
            }
        }
    }

    private static int positive(int max) {
        if (max < 1) {
            throw new OpsFailure("--max must be at least 1, got " + max);
        }
        return max;
    }
}
