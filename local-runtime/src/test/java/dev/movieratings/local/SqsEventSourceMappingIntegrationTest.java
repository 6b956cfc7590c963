package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.movieratings.embedded.EmbeddedQueues;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * The local event source mapping against real ElasticMQ, when the pause lands between the poller's look at the
 * switch and the end of its receive (a long poll in flight). The queue redrives after a single receive, so any
 * receive counted while paused sends the message to the DLQ on the first receive after the resume. The function
 * is a recorder: what is under test is what the mapping does with the queue, not what the projector does.
 */
class SqsEventSourceMappingIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final String BODY = "{\"detail-type\":\"RatingSubmitted\",\"detail\":{\"n\":1}}";

    private EmbeddedQueues queues;
    private SqsEventSourceMapping mapping;
    private final List<JsonNode> handed = new CopyOnWriteArrayList<>();
    private final AtomicBoolean paused = new AtomicBoolean(false);
    private final AtomicReference<Runnable> landOnNextLook = new AtomicReference<>();
    private final AtomicInteger looks = new AtomicInteger();
    private final AtomicInteger landedAtLook = new AtomicInteger();
    private final AtomicBoolean switchUnreadable = new AtomicBoolean(false);

    @BeforeEach
    void start() {
        queues = EmbeddedQueues.start(0, "mapping-pause", 1, 1);
    }

    @AfterEach
    void stop() {
        if (mapping != null) {
            mapping.close();
        }
        queues.close();
    }

    /**
     * The switch as the poller reads it. When armed, the look before a receive still answers "running", then the
     * armed change lands (a pause, or the switch's database going down) with a message on the queue: the receive
     * that follows returns that message although the projector is no longer known to run.
     */
    private final BooleanSupplier projectorSwitch = () -> {
        int look = looks.incrementAndGet();
        Runnable landing = landOnNextLook.getAndSet(null);
        if (landing != null) {
            landing.run();
            landedAtLook.set(look);
            queues.sqs().sendMessage(b -> b.queueUrl(queues.queueUrl()).messageBody(BODY));
            return false;
        }
        if (switchUnreadable.get()) {
            throw new IllegalStateException("the switch's database is down");
        }
        return paused.get();
    };

    private void startMapping() {
        mapping = new SqsEventSourceMapping(
                queues.sqs(),
                queues.queueUrl(),
                queues.queueArn(),
                event -> {
                    handed.addAll(LocalRuntimeClient.JSON
                            .readTree(event)
                            .get("Records")
                            .valueStream()
                            .toList());
                    return "{\"batchItemFailures\":[]}";
                },
                "recorder",
                1,
                projectorSwitch);
    }

    @Test
    void aMessageReceivedByALongPollInFlightWhenThePauseLandsWaitsUncountedAndIsHandedOverAfterTheResume() {
        startMapping();
        landOnNextLook.set(() -> paused.set(true));
        int pausedAt = awaitLanded();
        // the look after that receive, then the next look before a receive: the batch was dealt with in between
        await().atMost(DEADLINE).until(() -> looks.get() >= pausedAt + 2);

        assertThat(handed).as("nothing handed to the function while paused").isEmpty();
        assertThat(depth(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .as("the message waits on the queue")
                .isEqualTo(1);
        assertThat(depth(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .isZero();

        paused.set(false);
        resumedAndHandedOnce();
    }

    @Test
    void aBatchReceivedWhenTheSwitchCannotBeReadGoesBackUncounted() {
        startMapping();
        landOnNextLook.set(() -> switchUnreadable.set(true));
        int pausedAt = awaitLanded();
        await().atMost(DEADLINE).until(() -> looks.get() >= pausedAt + 2);
        assertThat(handed).isEmpty();

        switchUnreadable.set(false);
        resumedAndHandedOnce();
    }

    private int awaitLanded() {
        await().atMost(DEADLINE).until(() -> landedAtLook.get() > 0);
        return landedAtLook.get();
    }

    private void resumedAndHandedOnce() {
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(handed)
                        .as(
                                "handed to the function after the resume, not moved to the DLQ (which holds %d)",
                                depth(queues.deadLetterQueueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .hasSize(1));
        JsonNode record = handed.get(0);
        assertThat(record.get("body").asString()).isEqualTo(BODY);
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asString())
                .as("the receive while paused did not count")
                .isEqualTo("1");
        assertThat(depth(queues.deadLetterQueueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .isZero();
        await().atMost(DEADLINE)
                .untilAsserted(
                        () -> assertThat(depth(queues.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                                        + depth(
                                                queues.queueUrl(),
                                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                                .as("deleted once handled")
                                .isZero());
    }

    private long depth(String queueUrl, QueueAttributeName attribute) {
        return Long.parseLong(queues.sqs()
                .getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(attribute))
                .attributes()
                .get(attribute));
    }
}
