package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.command.CommandApiApplication;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.EmbeddedQueues;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.ProjectionWorkerApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AWS wiring against LocalStack (Docker): the command function's real PutEvents onto a custom bus,
 * a rule delivering the envelope to SQS, the projector consuming it, and the DLQ after maxReceiveCount.
 * Runs only with {@code ./mvnw -B verify -Plocalstack} (CodeBuild, with Docker); compiled in every build.
 */
@Tag("localstack")
class LocalStackPipelineIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static LocalStackContainer localstack;
    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static Map<String, String> environment;
    private static SqsClient sqs;
    private static String queueUrl;
    private static String deadLetterQueueUrl;
    private static String queueArn;

    @BeforeAll
    static void start() {
        localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices("events", "sqs");
        localstack.start();
        var credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
        Region region = Region.of(localstack.getRegion());
        sqs = SqsClient.builder()
                .endpointOverride(localstack.getEndpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(localstack.getEndpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();

        // the queues as the local runtime creates them, with the receive limit Terraform gives the real ones
        EmbeddedQueues.ProjectorQueues queues =
                EmbeddedQueues.createProjectorQueues(sqs, "projector", 1, terraformMaxReceiveCount());
        deadLetterQueueUrl = queues.deadLetterQueueUrl();
        queueUrl = queues.queueUrl();
        queueArn = arn(queueUrl);
        events.createEventBus(b -> b.name("movie-ratings"));
        events.putRule(b -> b.name("rating-events")
                .eventBusName("movie-ratings")
                .eventPattern("{\"source\":[\"" + BusEnvelope.DEFAULT_SOURCE
                        + "\"],\"detail-type\":[\"RatingSubmitted\",\"RatingRetracted\"]}"));
        events.putTargets(b -> b.rule("rating-events")
                .eventBusName("movie-ratings")
                .targets(t -> t.id("projector-queue").arn(queueArn)));

        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        JdbcClient.create(database.dataSource())
                .sql("insert into movies (movie_id, title) values (318, 'Shawshank Redemption, The')")
                .update();
        environment = Map.of(
                "EVENT_BUS_KIND",
                "eventbridge",
                "EVENT_BUS_NAME",
                "movie-ratings",
                "EVENT_BUS_ENDPOINT",
                localstack.getEndpoint().toString());
        // the AWS SDK's own settings (region, credentials) are read from system properties, not from Spring
        System.setProperty("aws.region", localstack.getRegion());
        System.setProperty("aws.accessKeyId", localstack.getAccessKey());
        System.setProperty("aws.secretAccessKey", localstack.getSecretKey());
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void aRatingTravelsThroughEventBridgeAndSqsToTheProjection() throws Exception {
        LocalLambda commands = LocalLambda.start(
                CommandApiApplication.class,
                "ratingCommands",
                logins.springDataSource(DatabaseRole.COMMAND, environment));
        LocalLambda projector = LocalLambda.start(
                ProjectionWorkerApplication.class,
                "projectRatingEvents",
                logins.springDataSource(DatabaseRole.PROJECTOR, environment));
        ApiGatewayEvents.Response accepted =
                ApiGatewayEvents.parseResponse(commands.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "PUT",
                        "PUT /api/movies/{id}/rating",
                        "/api/movies/318/rating",
                        Map.of("id", "318"),
                        "",
                        Map.of("content-type", "application/json"),
                        "{\"stars\":5}".getBytes(StandardCharsets.UTF_8),
                        Map.of("sub", "localstack-user")))));
        assertThat(accepted.statusCode()).isEqualTo(202);

        List<Message> delivered = receive(queueUrl, 30);
        assertThat(delivered).hasSize(1);
        JsonNode envelope = JSON.readTree(delivered.get(0).body());
        for (String field :
                List.of("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail")) {
            assertThat(envelope.has(field))
                    .as("the rule delivers the whole envelope: " + field)
                    .isTrue();
        }
        RatingEvent event = BusEnvelope.unwrap(delivered.get(0).body());
        assertThat(event.userId()).isEqualTo("localstack-user");

        String response = projector.invoke(SqsEvents.toJson(
                List.of(new SqsEvents.Message(
                        delivered.get(0).messageId(),
                        delivered.get(0).receiptHandle(),
                        delivered.get(0).body(),
                        1,
                        0)),
                queueArn));
        assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
        sqs.deleteMessage(
                b -> b.queueUrl(queueUrl).receiptHandle(delivered.get(0).receiptHandle()));
        assertThat(JdbcClient.create(database.dataSource())
                        .sql("select rating_count from projection.movie_scores where movie_id = 318")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    /** The default of terraform/modules/events' max_receive_count, which the deployed queue gets. */
    private static int terraformMaxReceiveCount() {
        String variables;
        try {
            variables = java.nio.file.Files.readString(
                    java.nio.file.Path.of("..", "terraform", "modules", "events", "variables.tf"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(
                        "variable \"max_receive_count\" \\{[^}]*default\\s*=\\s*(\\d+)")
                .matcher(variables);
        assertThat(matcher.find())
                .as("max_receive_count in terraform/modules/events/variables.tf")
                .isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    @Test
    void aMessageThatKeepsFailingMovesToTheDeadLetterQueueAfterFiveReceives() throws Exception {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"detail\":\"poison\"}"));
        for (int receive = 0; receive < terraformMaxReceiveCount(); receive++) {
            assertThat(receive(queueUrl, 10)).hasSize(1);
            Thread.sleep(1_500);
        }
        assertThat(receive(queueUrl, 3)).isEmpty();
        assertThat(receive(deadLetterQueueUrl, 10)).hasSize(1);
    }

    private static List<Message> receive(String url, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .waitTimeSeconds(Math.min(20, waitSeconds))
                        .maxNumberOfMessages(10)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    private static String arn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }
}
