package dev.movieratings.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.BusEnvelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Events handed to the projector function as the SQS event source mapping does: bus envelopes, 10 a batch. */
final class ProjectorDeliveries {

    private ProjectorDeliveries() {}

    /** Every batch must come back with no failed message. */
    static void deliver(LocalLambda projector, List<RatingEvent> events, Instant sentAt) {
        List<SqsEvents.Message> messages = new ArrayList<>();
        for (RatingEvent event : events) {
            String id = UUID.randomUUID().toString();
            messages.add(new SqsEvents.Message(
                    id,
                    "receipt-" + id,
                    BusEnvelope.wrap(event, "123456789012", "eu-west-1", sentAt),
                    1,
                    sentAt.toEpochMilli()));
        }
        for (int from = 0; from < messages.size(); from += 10) {
            String response = projector.invoke(SqsEvents.toJson(
                    messages.subList(from, Math.min(messages.size(), from + 10)),
                    "arn:aws:sqs:eu-west-1:123456789012:ratings"));
            assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        }
    }
}
