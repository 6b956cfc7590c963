package dev.movieratings.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedQueues;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.ops.lambda.ProjectionOpsApplication;
import dev.movieratings.ops.pipeline.ParkedEvents;
import dev.movieratings.projection.ProjectionWorkerApplication;
import dev.movieratings.testsupport.MigratedDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * retry and replay-parked on the ops Lambda (through FunctionInvoker): the same code as the command line
 * sends the parked event to the projector's queue (ElasticMQ) and waits; this test plays the event source
 * mapping, handing what arrives to the real projector function, and the Lambda answers once it is applied.
 */
class LambdaReplayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static MigratedDatabase database;
    private static EmbeddedQueues queues;
    private static JdbcClient jdbc;
    private static LocalLambda opsLambda;
    private static LocalLambda projector;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        jdbc = database.jdbc();
        jdbc.sql("insert into movies (movie_id, title) values (7, 'Seven')").update();
        queues = EmbeddedQueues.start(0, "projection-replay", 30, 5);
        opsLambda = LocalLambda.start(
                ProjectionOpsApplication.class,
                "projectionOps",
                database.login(
                        DatabaseRole.OPS,
                        Map.of(
                                "PROJECTION_QUEUE_URL", queues.queueUrl(),
                                "PROJECTION_DLQ_URL", queues.deadLetterQueueUrl(),
                                "AWS_REGION", EmbeddedQueues.REGION,
                                "AWS_ENDPOINT_URL_SQS", queues.endpoint().toString())));
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class, "projectRatingEvents", database.login(DatabaseRole.PROJECTOR));
    }

    @AfterAll
    static void stop() {
        queues.close();
        database.close();
    }

    @Test
    void aParkedEventIsReplayedThroughTheProjectorsQueueAndAudited() throws Exception {
        RatingSubmitted event = new RatingSubmitted(
                UUID.randomUUID(),
                "parked-user",
                7,
                1,
                Instant.parse("2026-12-01T10:00:00Z"),
                4.0,
                null,
                Instant.parse("2026-12-01T10:00:00Z"),
                null);
        long position = EventTable.append(database.administrator(), event);
        ParkedEvents parked = new ParkedEvents(jdbc);
        parked.park(parked.event(event.eventId()).orElseThrow(), "bug in the projector", "test");
        assertThat(invoke(Map.of("action", "status")).get("parkedEvents").asLong())
                .isEqualTo(1);
        assertThat(invoke(Map.of("action", "status")).get("deadLetterDepth").asLong())
                .isZero();

        CompletableFuture<JsonNode> replayed = CompletableFuture.supplyAsync(
                () -> invoke(Map.of("action", "replay-parked", "requestedBy", "carol", "waitSeconds", 60)));
        List<Message> delivered = receiveUntilSomething();
        projector.invoke(SqsEvents.toJson(
                delivered.stream()
                        .map(m -> new SqsEvents.Message(m.messageId(), m.receiptHandle(), m.body(), 1, 0))
                        .toList(),
                queues.queueArn()));
        JsonNode answer = replayed.get(60, TimeUnit.SECONDS);

        assertThat(answer.get("applied").asLong()).as(answer.toString()).isEqualTo(1);
        assertThat(answer.get("notApplied")).isEmpty();
        assertThat(delivered)
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains(event.eventId().toString()));
        assertThat(jdbc.sql("select stars::text from projection.user_ratings where user_id = 'parked-user'")
                        .query(String.class)
                        .single())
                .isEqualTo("4.0");
        assertThat(jdbc.sql("select replayed_at is not null from ops.parked_events where position = ?")
                        .param(position)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || outcome from ops.audit_log"
                                + " order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("lambda:carol replay-parked applied");
    }

    @Test
    void aBadRetryIsRefusedByNameAndSendsNothing() {
        String unknown = UUID.randomUUID().toString();

        JsonNode noEvent = invoke(Map.of("action", "retry", "eventId", unknown, "requestedBy", "carol"));
        JsonNode badId = invoke(Map.of("action", "retry", "eventId", "42", "requestedBy", "carol"));
        JsonNode badWait = invoke(Map.of("action", "retry", "eventId", unknown, "requestedBy", "c", "waitSeconds", 0));
        JsonNode nobody = invoke(Map.of("action", "replay-parked"));

        assertThat(noEvent.get("error").asString()).isEqualTo("there is no event " + unknown);
        assertThat(badId.get("error").asString()).isEqualTo("eventId must be an event id (a UUID)");
        assertThat(badWait.get("error").asString())
                .isEqualTo("waitSeconds must be a whole number from 1 to 600, not 0");
        assertThat(nobody.get("error").asString()).isEqualTo("replay-parked needs requestedBy (who asks)");
        assertThat(queues.sqs()
                        .receiveMessage(b -> b.queueUrl(queues.queueUrl()).waitTimeSeconds(0))
                        .messages())
                .isEmpty();
    }

    private static List<Message> receiveUntilSomething() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            List<Message> messages = queues.sqs()
                    .receiveMessage(b -> b.queueUrl(queues.queueUrl())
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1))
                    .messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new AssertionError("nothing reached the projector's queue within 30 s");
    }

    private static JsonNode invoke(Map<String, Object> request) {
        String previousKey = System.getProperty("aws.accessKeyId");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try {
            return JSON.readTree(opsLambda.invoke(JSON.writeValueAsString(request)));
        } finally {
            if (previousKey == null) {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }
}
