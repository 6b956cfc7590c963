package dev.movieratings.local;

import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Does what Lambda's SQS event source mapping does: long-polls batches of up to ten messages, hands
 * them to the function as an SQS event, and deletes only the messages the function did not name in
 * batchItemFailures. If the function fails outright, nothing is deleted and the whole batch comes back
 * after the visibility timeout; after the queue's receive limit SQS moves a message to the DLQ.
 * Several pollers run at once, each with its own batch, as the mapping runs several concurrent
 * invocations: batches touching the same streams then meet in the projector as they do on AWS. While an
 * operator has paused the projector ({@code ops projector pause}, as disabling the mapping on AWS) no poller
 * receives: the messages wait on the queue; a batch already handed to the function is still finished.
 *
 * <p>A long poll already waiting when the pause lands can still return messages, and SQS has counted that
 * receive towards the DLQ: with two pollers, two such receives sent a message to a DLQ of two receives, so an
 * event written during the pause was never applied after the resume. Such messages are put back as fresh
 * copies (received zero times) and the received ones deleted.
 */
final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceMapping.class);

    /** How often a paused poller looks whether it was resumed. */
    private static final long PAUSED_CHECK_MILLIS = 200;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final UnaryOperator<String> function;
    private final String functionName;
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
        this(sqs, queueUrl, queueArn, function::invoke, function.functionName(), concurrency, paused);
    }

    /** @param function takes the SQS event JSON and answers the function's SQSBatchResponse JSON */
    SqsEventSourceMapping(
            SqsClient sqs,
            String queueUrl,
            String queueArn,
            UnaryOperator<String> function,
            String functionName,
            int concurrency,
            BooleanSupplier paused) {
        this.sqs = sqs;
        this.paused = paused;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.function = function;
        this.functionName = functionName;
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
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
        if (messages.isEmpty()) {
            return;
        }
        if (pausedOrUnknown()) {
            putBackUncounted(messages);
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
            failed = new HashSet<>(SqsEvents.failedMessageIds(function.apply(SqsEvents.toJson(records, queueArn))));
        } catch (RuntimeException e) {
            LOG.warn(
                    "{} failed on a batch of {}; it will be redelivered: {}",
                    functionName,
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

    /** Asked after a receive: a switch that cannot be read counts as paused, so no batch is handed over blind. */
    private boolean pausedOrUnknown() {
        try {
            return paused.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("could not read whether the projector is paused; putting the batch back: {}", e.toString());
            return true;
        }
    }

    /**
     * Puts back messages received while paused without the receive counting towards the DLQ: a copy is sent
     * first, then the received message deleted (a failure in between leaves a duplicate, which the projector
     * ignores, never a loss). A message whose copy was refused is only made visible again.
     */
    private void putBackUncounted(List<Message> messages) {
        Set<String> copied = new HashSet<>();
        sqs.sendMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(messages.stream()
                                .map(m -> SendMessageBatchRequestEntry.builder()
                                        .id(entryId(m))
                                        .messageBody(m.body())
                                        .messageAttributes(m.messageAttributes())
                                        .build())
                                .toList()))
                .successful()
                .forEach(ok -> copied.add(ok.id()));
        List<DeleteMessageBatchRequestEntry> originals = messages.stream()
                .filter(m -> copied.contains(entryId(m)))
                .map(m -> DeleteMessageBatchRequestEntry.builder()
                        .id(entryId(m))
                        .receiptHandle(m.receiptHandle())
                        .build())
                .toList();
        if (!originals.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(originals));
        }
        List<ChangeMessageVisibilityBatchRequestEntry> refused = messages.stream()
                .filter(m -> !copied.contains(entryId(m)))
                .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder()
                        .id(entryId(m))
                        .receiptHandle(m.receiptHandle())
                        .visibilityTimeout(0)
                        .build())
                .toList();
        if (!refused.isEmpty()) {
            LOG.warn("{} message(s) received while paused could not be copied; their receive counts", refused.size());
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(refused));
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
