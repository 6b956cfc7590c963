package dev.movieratings.projection.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.movieratings.events.json.BusEnvelope;
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

    public ProjectRatingEventsFunction(Projections projections) {
        this.projections = projections;
    }

    @Override
    public SQSBatchResponse apply(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                projections.apply(BusEnvelope.unwrap(message.getBody()));
            } catch (RuntimeException e) {
                LOG.warn("message {} not applied (receive {}): {}", message.getMessageId(),
                        message.getAttributes() == null ? "?" : message.getAttributes().get("ApproximateReceiveCount"), e.toString());
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(message.getMessageId()).build());
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
}
