package dev.movieratings.ops.cli;

import dev.movieratings.command.CommandApiApplication;
import dev.movieratings.command.relay.OutboxRelayFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ops outbox status | republish}: events committed but not yet on the bus. */
@Command(
        name = "outbox",
        description = "Events committed but not yet on the bus.",
        subcommands = {OutboxCommand.Status.class, OutboxCommand.Republish.class})
final class OutboxCommand {

    private static final String STATUS = """
            select count(*) as unpublished,
                   coalesce(extract(epoch from now() - min(created_at)), 0)::bigint as oldest_seconds,
                   coalesce(max(attempts), 0) as most_attempts
            from event_publications
            where published_at is null""";

    @CommandLine.ParentCommand
    OpsCli ops;

    @Command(name = "status", description = "How many events are unpublished, and how old the oldest is.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        OutboxCommand outbox;

        @Override
        public Integer call() {
            Map<String, Object> row = JdbcClient.create(outbox.ops.connection().dataSource())
                    .sql(STATUS)
                    .query()
                    .singleRow();
            System.out.printf(
                    "%s unpublished event(s); oldest %s; most attempts %s%n",
                    row.get("unpublished"),
                    Duration.ofSeconds(((Number) Objects.requireNonNull(row.get("oldest_seconds"))).longValue()),
                    row.get("most_attempts"));
            return 0;
        }
    }

    @Command(
            name = "republish",
            description = "Publish every unpublished event now, through the same relay the schedule runs.")
    static final class Republish implements Callable<Integer> {
        @CommandLine.ParentCommand
        OutboxCommand outbox;

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
                return ((Number) Objects.requireNonNull(result.get("unpublished"))).longValue() == 0 ? 0 : 1;
            }
        }
    }
}
