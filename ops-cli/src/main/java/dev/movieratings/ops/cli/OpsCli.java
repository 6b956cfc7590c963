package dev.movieratings.ops.cli;

import dev.movieratings.projection.maintenance.application.Projection;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import dev.movieratings.projection.maintenance.application.SimilarityRefreshReport;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operators' command line:
 * {@code ./ops.sh rebuild | projections | verify | refresh-similar | status | events park|retry|replay-parked
 * | projector pause|resume | audit | dlq list | dlq redrive
 * | outbox status | outbox republish | catalog import | catalog add | catalog correct}.
 */
@Command(
        name = "ops",
        mixinStandardHelpOptions = true,
        version = "movie-ratings ops 1.0",
        description = "Operate the Movie Ratings projections, dead-letter queue, outbox and catalog.",
        subcommands = {
            OpsCli.Rebuild.class,
            OpsCli.Verify.class,
            OpsCli.RefreshSimilar.class,
            ProjectionsCommand.class,
            StatusCommand.class,
            EventsCommand.class,
            ProjectorCommand.class,
            AuditCommand.class,
            DlqCommand.class,
            OutboxCommand.class,
            CatalogCommands.class
        })
public final class OpsCli {

    @Option(
            names = "--local-data",
            defaultValue = ".local-data",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Data folder of a running local runtime (ignored when SPRING_DATASOURCE_URL is set)."
                    + " Default: ${DEFAULT-VALUE}")
    Path localData;

    /** The process environment, read here once: the commands take their settings from it, never from System. */
    private final Map<String, String> environment;

    /** The database the last command connected to, for the message when it cannot be reached. */
    private String databaseUrl = "(not resolved)";

    OpsCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), args));
    }

    static int run(Map<String, String> environment, String... args) {
        OpsCli ops = new OpsCli(environment);
        CommandLine commandLine = new CommandLine(ops);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof OpsFailure) {
                cmd.getErr().println("ops: " + e.getMessage());
                return 2;
            }
            if (e instanceof DataAccessResourceFailureException) {
                // an operator's typo in the URL or a stopped runtime: say where, not a stack trace
                cmd.getErr()
                        .println("ops: cannot reach the database at " + ops.databaseUrl + ": "
                                + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
                return 2;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    OpsConnection connection() {
        OpsConnection connection = OpsConnection.resolve(localData, environment);
        databaseUrl = connection.jdbcUrl();
        return connection;
    }

    /** A variable of the environment the command line was started with; null when unset. */
    @Nullable
    String environment(String name) {
        return environment.get(name);
    }

    Map<String, String> environment() {
        return environment;
    }

    /** PROJECTION_REBUILD_MEMORY and -Dprojection.rebuild.workers: how much of the database a rebuild may use. */
    ProjectionMaintenance maintenance() {
        RebuildSettings settings;
        try {
            settings = RebuildSettings.of(
                            environment("PROJECTION_REBUILD_MEMORY"), Integer.getInteger("projection.rebuild.workers"))
                    .withMinimumVotes(environment("WEIGHTED_RATING_MIN_VOTES"));
        } catch (IllegalArgumentException e) {
            throw new OpsFailure(e.getMessage());
        }
        return JdbcProjectionMaintenance.create(connection().dataSource(), settings);
    }

    @Command(
            name = "rebuild",
            mixinStandardHelpOptions = true,
            description = "Rebuild the projections (or one) from the event table into shadow tables and swap them in"
                    + " atomically.")
    static final class Rebuild implements Callable<Integer> {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Option(
                names = "--projection",
                defaultValue = "all",
                completionCandidates = ProjectionsCommand.ProjectionNames.class,
                description = "Which projection to rebuild, one of: ${COMPLETION-CANDIDATES} (`ops projections` says"
                        + " what each holds). One projection is rebuilt from the events the live ones hold and swapped"
                        + " in alone, then verified. Default: ${DEFAULT-VALUE}")
        String projection;

        @Override
        public Integer call() {
            Projection which;
            try {
                which = Projection.named(projection);
            } catch (IllegalArgumentException e) {
                throw new OpsFailure("--projection: " + e.getMessage());
            }
            ProjectionMaintenance maintenance = ops.maintenance();
            RebuildReport report = maintenance.rebuild(which, TerminalProgress.create());
            System.out.printf(
                    "Rebuilt %s from %d events (%d caught up during the rebuild) into %d ratings and %d movie scores"
                            + " in %.1f s (%.0f events/s); watermark %d%n",
                    which == Projection.ALL ? "every projection" : which.projectionName(),
                    report.events(),
                    report.caughtUp(),
                    report.streams(),
                    report.movies(),
                    report.took().toMillis() / 1000.0,
                    report.eventsPerSecond(),
                    report.watermark());
            if (which == Projection.ALL) {
                return 0;
            }
            VerificationReport verified = maintenance.verify();
            verified.differences().forEach(difference -> System.out.println("DIFFERENCE " + difference));
            System.out.println("Verified after the rebuild: "
                    + (verified.clean()
                            ? "projections match the events"
                            : verified.differences().size() + " difference(s)"));
            return verified.clean() ? 0 : 1;
        }
    }

    @Command(
            name = "verify",
            description = "Recompute the projections from the events and compare them with the live tables;"
                    + " exit 1 on any difference.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Override
        public Integer call() {
            VerificationReport report = ops.maintenance().verify();
            report.differences().forEach(difference -> System.out.println("DIFFERENCE " + difference));
            System.out.printf(
                    "Verified %d applied events (watermark %d, %d parked and not applied): %s%n",
                    report.eventsFolded(),
                    report.watermark(),
                    report.parked(),
                    report.clean()
                            ? "projections match the events"
                            : report.differences().size() + " difference(s)");
            return report.clean() ? 0 : 1;
        }
    }

    @Command(
            name = "refresh-similar",
            description = "Recompute the similar movies of every movie whose likes changed since its last refresh"
                    + " (the local runtime does this every few seconds; on AWS a schedule does).")
    static final class RefreshSimilar implements Callable<Integer> {
        @CommandLine.ParentCommand
        OpsCli ops;

        @Override
        public Integer call() {
            SimilarityRefreshReport report = ops.maintenance().refreshSimilarMovies();
            System.out.println(
                    report.skipped()
                            ? "Another refresh is running; nothing done"
                            : String.format(
                                    "Refreshed the similar movies of %d movie(s): %d pair rows in %d ms",
                                    report.movies(),
                                    report.pairRows(),
                                    report.took().toMillis()));
            return 0;
        }
    }

    static int positive(int max) {
        if (max < 1) {
            throw new OpsFailure("--max must be at least 1, got " + max);
        }
        return max;
    }
}
