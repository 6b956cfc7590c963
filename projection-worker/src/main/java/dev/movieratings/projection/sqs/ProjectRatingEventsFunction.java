package dev.movieratings.projection.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.observability.Correlation;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.application.ProjectionOutcome;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * The projector Lambda: reads the batch's events and hands them to the use case ({@link ProjectingEvents}:
 * one transaction for the batch, or one per event if that fails). Only the messages that failed are named
 * (ReportBatchItemFailures): SQS redelivers those and, after its receive limit, parks them in the
 * dead-letter queue without holding up the rest.
 */
public class ProjectRatingEventsFunction implements Function<Message<byte[]>, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectRatingEventsFunction.class);
    // Decoded here, by one serializer built once: Spring Cloud Function's conversion builds a new one on every
    // invocation.
    private static final PojoSerializer<SQSEvent> EVENTS =
            LambdaEventSerializers.serializerFor(SQSEvent.class, ProjectRatingEventsFunction.class.getClassLoader());

    private final ProjectingEvents projecting;
    private final ProjectorMetrics metrics = new ProjectorMetrics();

    public ProjectRatingEventsFunction(ProjectingEvents projecting) {
        this.projecting = projecting;
    }

    @Override
    public SQSBatchResponse apply(Message<byte[]> invocation) {
        SQSEvent batch = EVENTS.fromJson(new ByteArrayInputStream(invocation.getPayload()));
        List<SQSEvent.SQSMessage> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        metrics.batchReceived(records.size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<SQSEvent.SQSMessage, RatingEvent> readable = new LinkedHashMap<>();
        for (SQSEvent.SQSMessage message : records) {
            if (receiveCount(message) > 1) {
                metrics.redelivered();
            }
            RatingEvent event = null;
            try {
                event = BusEnvelope.unwrap(message.getBody());
                readable.put(message, event);
            } catch (RuntimeException e) {
                fail(message, event, e, failures);
            }
        }
        ProjectingEvents.Applied applied = projecting.apply(List.copyOf(new LinkedHashSet<>(readable.values())));
        readable.forEach((message, event) -> {
            ProjectionOutcome outcome = applied.outcomes().get(event.eventId());
            RuntimeException failure = applied.failures().get(event.eventId());
            if (failure != null) {
                fail(message, event, failure, failures);
            } else if (outcome == ProjectionOutcome.UNKNOWN) {
                fail(
                        message,
                        event,
                        new IllegalArgumentException("event " + event.eventId() + " is not in the event store"),
                        failures);
            } else if (outcome != null) {
                metrics.applied(event);
                if (LOG.isDebugEnabled()) {
                    try (var correlation = Correlation.begin(event.eventId().toString())) {
                        LOG.debug("event {} applied: {} (receive {})", event.eventId(), outcome, receiveCount(message));
                    }
                }
            }
        });
        if (failures.size() < records.size()) {
            try {
                projecting.advanceWatermark();
            } catch (RuntimeException e) {
                LOG.warn("watermark not advanced this time: {}", e.toString());
            }
        }
        metrics.batchDone();
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private void fail(
            SQSEvent.SQSMessage message,
            @Nullable RatingEvent event,
            RuntimeException error,
            List<SQSBatchResponse.BatchItemFailure> failures) {
        try (var correlation = Correlation.begin(
                event == null ? message.getMessageId() : event.eventId().toString())) {
            LOG.warn(
                    "message {} not applied (receive {}): {}",
                    message.getMessageId(),
                    receiveCount(message),
                    error.toString());
        }
        metrics.failed();
        failures.add(SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(message.getMessageId())
                .build());
        try {
            projecting.recordFailure(event == null ? null : event.eventId(), message.getMessageId(), error.toString());
        } catch (RuntimeException e) {
            LOG.warn("could not record the failure of message {}: {}", message.getMessageId(), e.toString());
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count =
                message.getAttributes() == null ? null : message.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
