package dev.movieratings.local;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Does what Lambda's SQS event source mapping does: long-polls batches of up to ten messages, hands
 * them to the function as an SQS event, and deletes only the messages the function did not name in
 * batchItemFailures. If the function fails outright, nothing is deleted and the whole batch comes back
 * after the visibility timeout; after the queue's receive limit SQS moves a message to the DLQ.
 * Several pollers run at once, each with its own batch, as the mapping runs several concurrent
 * invocations: batches touching the same streams then meet in the projector as they do on AWS. While an
 * operator has paused the projector ({@code ops projector pause}, as disabling the mapping on AWS) no poller
 * receives: the messages wait on the queue; a batch already received is still finished.
 */
final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceMapping.class);

    /** How often a paused poller looks whether it was resumed. */
    private static final long PAUSED_CHECK_MILLIS = 200;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final LocalLambda function;
    private final BooleanSupplier paused;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> pollers = new ArrayList<>();

    SqsEventSourceMapping(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            LocalLambda function,
            int concurrency,
            BooleanSupplier paused) {
        this.sqs = sqs;
        this.paused = paused;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.function = function;
        for (int i = 1; i <= concurrency; i++) {
            Thread poller = new Thread(this::pollUntilClosed, "sqs-event-source-mapping-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
    }

    private void pollUntilClosed() {
        while (running.get()) {
            try {
                if (paused.getAsBoolean()) {
                    sleep(PAUSED_CHECK_MILLIS);
                    continue;
                }
                pollOnce();
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("polling {} failed: {}", queueUrl, e.toString());
                    sleep(1_000);
                }
            }
        }
    }

    private void pollOnce() {
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
        if (messages.isEmpty()) {
            return;
        }
        if (paused.getAsBoolean()) {
            // paused while this receive waited: the messages go back to the queue at once, untouched
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl)
                    .entries(messages.stream()
                            .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder()
                                    .id(entryId(m))
                                    .receiptHandle(m.receiptHandle())
                                    .visibilityTimeout(0)
                                    .build())
                            .toList()));
            return;
        }
        List<SqsEvents.Message> records = new ArrayList<>();
        for (Message message : messages) {
            var attributes = message.attributes();
            records.add(new SqsEvents.Message(
                    message.messageId(),
                    message.receiptHandle(),
                    message.body(),
                    Integer.parseInt(
                            attributes.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")),
                    Long.parseLong(attributes.getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))));
        }
        Set<String> failed;
        try {
            failed = new HashSet<>(SqsEvents.failedMessageIds(function.invoke(SqsEvents.toJson(records, queueArn))));
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} failed on a batch of {}; it will be redelivered: {}",
                    function.functionName(),
                    records.size(),
                    e.toString());
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(entryId(m))
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(done));
        }
    }

    private static String entryId(Message message) {
        return message.messageId().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread poller : pollers) {
            try {
                poller.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
