package dev.movieratings.ops.cli;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.events.json.UnreadableEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The projector's dead-letter queue: what sits there and why, and moving it back for another try. */
final class DeadLetters {

    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final JdbcClient jdbc;

    DeadLetters(SqsClient sqs, String queueUrl, String deadLetterQueueUrl, JdbcClient jdbc) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.jdbc = jdbc;
    }

    record Letter(
            String messageId,
            String eventId,
            String type,
            int receives,
            @Nullable String error) {}

    /** Looks at up to {@code max} messages without removing them. */
    List<Letter> list(int max) {
        Map<String, Letter> seen = new HashMap<>();
        List<Message> received = new ArrayList<>();
        List<Message> batch;
        do {
            batch = receive(Math.min(10, max - seen.size()), 30);
            for (Message message : batch) {
                seen.putIfAbsent(message.messageId(), describe(message));
            }
            received.addAll(batch);
        } while (!batch.isEmpty() && seen.size() < max);
        // looking must not hide them: make them visible again at once, for a redrive or the next look
        for (Message message : received) {
            sqs.changeMessageVisibility(b -> b.queueUrl(deadLetterQueueUrl)
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
        return new ArrayList<>(seen.values());
    }

    /** Moves up to {@code max} messages back to the projector's queue; returns how many moved. */
    int redrive(int max) {
        int moved = 0;
        while (moved < max) {
            List<Message> batch = receive(Math.min(10, max - moved), 30);
            if (batch.isEmpty()) {
                break;
            }
            for (Message message : batch) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()));
                sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        return moved;
    }

    private List<Message> receive(int max, int visibilitySeconds) {
        if (max <= 0) {
            return List.of();
        }
        return sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
                        .maxNumberOfMessages(max)
                        .waitTimeSeconds(1)
                        .visibilityTimeout(visibilitySeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    private Letter describe(Message message) {
        int receives = Integer.parseInt(
                message.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        try {
            RatingEvent event = BusEnvelope.unwrap(message.body());
            String error = jdbc.sql("select error || ' (' || failures || ' failure(s), last ' || last_failed_at || ')'"
                            + " from ops.projection_failures where subject = ?")
                    .param(event.eventId().toString())
                    .query(String.class)
                    .optional()
                    .orElse("no error recorded");
            return new Letter(message.messageId(), event.eventId().toString(), event.type(), receives, error);
        } catch (UnreadableEvent e) {
            return new Letter(message.messageId(), "-", "unreadable", receives, e.getMessage());
        }
    }
}
