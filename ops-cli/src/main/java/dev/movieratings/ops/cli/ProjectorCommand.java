package dev.movieratings.ops.cli;

import dev.movieratings.ops.pipeline.AwsClients;
import dev.movieratings.ops.pipeline.ProjectorControl;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ops projector pause | resume}: stop the projector taking events for maintenance, and start it again.
 * Locally the runtime's poller obeys the recorded switch; on AWS (PROJECTOR_FUNCTION_ARN set) the projector's
 * event source mapping is disabled or enabled too. Events wait on the queue meanwhile.
 */
@Command(
        name = "projector",
        description = "Pause or resume the projector (the local poller, or the event source mapping on AWS).",
        subcommands = {ProjectorCommand.Pause.class, ProjectorCommand.Resume.class})
final class ProjectorCommand {

    @CommandLine.ParentCommand
    OpsCli ops;

    int run(boolean pause, String reason) {
        ProjectorControl control = new ProjectorControl(
                JdbcClient.create(ops.connection().dataSource()), AwsClients.projectorMapping(ops::environment));
        try {
            String done = pause
                    ? control.pause(EventsCommand.actor(), reason)
                    : control.resume(EventsCommand.actor(), reason);
            System.out.println("Projector " + (pause ? "paused" : "resumed") + ": " + done);
            return 0;
        } catch (ProjectorControl.Refused e) {
            throw new OpsFailure(e.getMessage());
        }
    }

    @Command(name = "pause", description = "Stop projecting; events wait on the queue until resume.")
    static final class Pause implements Callable<Integer> {
        @CommandLine.ParentCommand
        ProjectorCommand projector;

        @Option(names = "--reason", required = true, description = "Why, for the audit log (1 to 500 characters).")
        String reason;

        @Override
        public Integer call() {
            return projector.run(true, reason);
        }
    }

    @Command(name = "resume", description = "Project again, starting with the events that waited.")
    static final class Resume implements Callable<Integer> {
        @CommandLine.ParentCommand
        ProjectorCommand projector;

        @Option(
                names = "--reason",
                defaultValue = "maintenance done",
                description = "Why, for the audit log. Default: ${DEFAULT-VALUE}")
        String reason;

        @Override
        public Integer call() {
            return projector.run(false, reason);
        }
    }
}
