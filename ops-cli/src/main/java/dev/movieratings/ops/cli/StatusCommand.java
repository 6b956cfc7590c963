package dev.movieratings.ops.cli;

import dev.movieratings.ops.pipeline.PipelineStatus;
import dev.movieratings.ops.pipeline.ProjectorControl;
import dev.movieratings.ops.pipeline.StatusQueries;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.json.JsonMapper;

/** {@code ops status [--json]}: where the pipeline stands and, when it is stuck, on which event and why. */
@Command(
        name = "status",
        description = "Watermark, lag, the event that holds the projections back and its failure, dead letters,"
                + " parked events, outbox backlog.")
final class StatusCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    OpsCli ops;

    @Option(names = "--json", description = "One JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        OpsConnection connection = ops.connection();
        PipelineStatus status =
                StatusQueries.read(JdbcClient.create(connection.dataSource()), deadLetterDepth(connection));
        if (json) {
            System.out.println(JsonMapper.builder().build().writeValueAsString(status.toJson()));
        } else {
            print(status);
        }
        return 0;
    }

    /** Null when the queue is not known (no PROJECTION_DLQ_URL): the status says so rather than guess. */
    private static @Nullable Long deadLetterDepth(OpsConnection connection) {
        if (connection.deadLetterQueueUrl() == null) {
            return null;
        }
        try (SqsClient sqs = connection.sqs()) {
            String depth = sqs.getQueueAttributes(b -> b.queueUrl(connection.deadLetterQueueUrl())
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            return depth == null ? null : Long.valueOf(depth);
        }
    }

    private static void print(PipelineStatus status) {
        ProjectorControl.State projector = status.projector();
        row(
                "projector",
                projector.paused()
                        ? "PAUSED by " + projector.changedBy() + " at " + projector.changedAt() + ": "
                                + projector.reason()
                        : "running");
        row("watermark", Long.toString(status.watermark()));
        row("highest position", Long.toString(status.highestPosition()));
        row("lag", status.eventsAbove() + " event(s), " + Duration.ofSeconds(status.lagSeconds()));
        PipelineStatus.Stuck stuck = status.firstUndecided();
        if (stuck == null) {
            row("stuck at", "nothing: every event up to the highest position is applied or parked");
        } else {
            row(
                    "stuck at",
                    "position " + stuck.position() + ", event " + stuck.eventId() + " (" + stuck.type() + ", user "
                            + stuck.userId() + ", movie " + stuck.movieId() + ")");
            row(
                    "its failure",
                    stuck.error() == null
                            ? "none recorded (not delivered yet, or still in flight)"
                            : stuck.error() + " (" + stuck.failures() + " failure(s), last " + stuck.lastFailedAt()
                                    + ")");
        }
        row("parked events", Long.toString(status.parkedEvents()));
        row(
                "dead letters",
                status.deadLetterDepth() == null
                        ? "unknown (set PROJECTION_DLQ_URL)"
                        : status.deadLetterDepth().toString());
        row(
                "outbox backlog",
                status.outboxBacklog() + " unpublished, oldest "
                        + Duration.ofSeconds(status.oldestUnpublishedSeconds()));
    }

    private static void row(String name, String value) {
        System.out.printf("%-18s %s%n", name, value);
    }
}
