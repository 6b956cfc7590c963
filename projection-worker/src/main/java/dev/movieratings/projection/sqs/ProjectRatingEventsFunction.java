package dev.movieratings.projection.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.projection.application.InjectedFaults;
import dev.movieratings.projection.application.Projections;
import dev.movieratings.http.Correlation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projector Lambda: applies each message's event on its own, and names only the messages that
 * failed (ReportBatchItemFailures), so SQS redelivers those and, after its receive limit, parks them
 * in the dead-letter queue without holding up the rest.
 */
public class ProjectRatingEventsFunction implements Function<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectRatingEventsFunction.class);

    private final Projections projections;
    private final InjectedFaults faults;
    private final ProjectorMetrics metrics = new ProjectorMetrics();

    public ProjectRatingEventsFunction(Projections projections, InjectedFaults faults) {
        this.projections = projections;
        this.faults = faults;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        metrics.batchReceived(records.size());
        for (SQSEvent.SQSMessage message : records) {
            RatingEvent event = null;
            int receives = receiveCount(message);
            if (receives > 1) {
                metrics.redelivered();
            }
            try {
                event = BusEnvelope.unwrap(message.getBody());
                try (var correlation = Correlation.begin(event.eventId().toString())) {
                    faults.beforeApplying(event);
                    projections.apply(event);
                    metrics.applied(event);
                    LOG.debug("event {} applied (receive {})", event.eventId(), receives);
                }
            } catch (RuntimeException e) {
                try (var correlation = Correlation.begin(event == null ? message.getMessageId() : event.eventId().toString())) {
                    LOG.warn("message {} not applied (receive {}): {}", message.getMessageId(), receives, e.toString());
                }
                metrics.failed();
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
                recordFailure(event, message.getMessageId(), e);
            }
        }
        if (failures.size() < records.size()) {
            try {
                projections.advanceWatermark();
            } catch (RuntimeException e) {
                LOG.warn("watermark not advanced this time: {}", e.toString());
            }
        }
        metrics.batchDone();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private void recordFailure(RatingEvent event, String messageId, RuntimeException error) {
        try {
            projections.recordFailure(event == null ? null : event.eventId(), messageId, error.toString());
        } catch (RuntimeException e) {
            LOG.warn("could not record the failure of message {}: {}", messageId, e.toString());
        }
    }
}
