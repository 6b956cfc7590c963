package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.StoredEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The local stand-in for the bus and its rule: puts on the SQS queue exactly the envelope an
 * EventBridge rule hands an SQS target, so the projector reads the same message body everywhere.
 */
class SqsEnvelopePublisher implements EventPublisher {

    static final String LOCAL_ACCOUNT = "000000000000";

    private final SqsClient sqs;
    private final String queueUrl;
    private final String source;
    private final String region;

    SqsEnvelopePublisher(SqsClient sqs, String queueUrl, String source, String region) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.source = source;
        this.region = region;
    }

    @Override
    public Set<UUID> publish(List<StoredEvent> events) {
        Set<UUID> published = new HashSet<>();
        for (int from = 0; from < events.size(); from += 10) {
            List<StoredEvent> chunk = events.subList(from, Math.min(events.size(), from + 10));
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, chunk.size())
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(i))
                            .messageBody(BusEnvelope.wrap(
                                    chunk.get(i).event(), source, LOCAL_ACCOUNT, region, Instant.now()))
                            .build())
                    .toList();
            SendMessageBatchResponse response =
                    sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            response.successful()
                    .forEach(ok -> published.add(
                            chunk.get(Integer.parseInt(ok.id())).event().eventId()));
        }
        return published;
    }
}
