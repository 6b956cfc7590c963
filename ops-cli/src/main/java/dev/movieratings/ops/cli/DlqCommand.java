package dev.movieratings.ops.cli;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ops dlq list | redrive}: the projector's dead-letter queue. */
@Command(
        name = "dlq",
        description = "The projector's dead-letter queue.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Redrive.class})
final class DlqCommand {
    @CommandLine.ParentCommand
    OpsCli ops;

    DeadLetters deadLetters() {
        OpsConnection connection = ops.connection();
        // sqs() refuses a connection without both queue URLs
        return new DeadLetters(
                connection.sqs(),
                Objects.requireNonNull(connection.queueUrl()),
                Objects.requireNonNull(connection.deadLetterQueueUrl()),
                JdbcClient.create(connection.dataSource()));
    }

    @Command(
            name = "list",
            description = "Show what sits in the dead-letter queue: event id, type, receive count, error.")
    static final class ListLetters implements Callable<Integer> {
        @CommandLine.ParentCommand
        DlqCommand dlq;

        @Option(
                names = "--max",
                defaultValue = "100",
                description = "At most this many messages. Default: ${DEFAULT-VALUE}")
        int max;

        @Override
        public Integer call() {
            List<DeadLetters.Letter> letters = dlq.deadLetters().list(OpsCli.positive(max));
            letters.forEach(l -> System.out.printf(
                    "%s  %-16s receives=%d  message=%s  error=%s%n",
                    l.eventId(), l.type(), l.receives(), l.messageId(), l.error()));
            System.out.println(letters.size() + " message(s) in the dead-letter queue");
            return 0;
        }
    }

    @Command(name = "redrive", description = "Move messages from the dead-letter queue back to the projector's queue.")
    static final class Redrive implements Callable<Integer> {
        @CommandLine.ParentCommand
        DlqCommand dlq;

        @Option(
                names = "--max",
                defaultValue = "1000",
                description = "At most this many messages. Default: ${DEFAULT-VALUE}")
        int max;

        @Override
        public Integer call() {
            System.out.println("Moved " + dlq.deadLetters().redrive(OpsCli.positive(max))
                    + " message(s) back to the projector's queue");
            return 0;
        }
    }
}
