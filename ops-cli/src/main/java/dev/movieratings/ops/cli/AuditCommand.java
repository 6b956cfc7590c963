package dev.movieratings.ops.cli;

import dev.movieratings.ops.pipeline.AuditLog;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ops audit}: the ops actions recorded, newest first. */
@Command(name = "audit", description = "Ops actions that changed something: who, when, what, why, outcome.")
final class AuditCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    OpsCli ops;

    @Option(names = "--max", defaultValue = "50", description = "At most this many entries. Default: ${DEFAULT-VALUE}")
    int max;

    @Override
    public Integer call() {
        new AuditLog(JdbcClient.create(ops.connection().dataSource()))
                .latest(OpsCli.positive(max))
                .forEach(entry -> System.out.printf(
                        "%s  %-16s %-14s %s  %s%s%n",
                        entry.at(),
                        entry.actor(),
                        entry.action(),
                        entry.eventId() == null ? "-" : entry.eventId(),
                        entry.outcome(),
                        entry.reason() == null ? "" : "  reason: " + entry.reason()));
        return 0;
    }
}
