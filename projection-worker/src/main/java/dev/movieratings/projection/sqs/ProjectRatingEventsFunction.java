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

    public ProjectRatingEventsFunction(Projections projections, InjectedFaults faults) {
        this.projections = projections;
        this.faults = faults;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent batch) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            RatingEvent event = null;
            try {
                event = BusEnvelope.unwrap(message.getBody());
                faults.beforeApplying(event);
                projections.apply(event);
            } catch (RuntimeException e) {
                LOG.warn("message {} not applied (receive {}): {}", message.getMessageId(),
                        message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e.toString());
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
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void recordFailure(RatingEvent event, String messageId, RuntimeException error) {
        try {
            projections.recordFailure(event == null ? null : event.eventId(), messageId, error.toString());
        } catch (RuntimeException e) {
            LOG.warn("could not record the failure of message {}: {}", messageId, e.toString());
        }
    }
}
