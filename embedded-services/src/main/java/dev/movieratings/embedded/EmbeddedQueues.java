package dev.movieratings.embedded;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import scala.concurrent.Await;
import scala.concurrent.duration.FiniteDuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ speaking the SQS API on loopback, with the ratings queue and its dead-letter queue set up
 * the way Terraform sets them up on AWS: redrive to the DLQ after a number of receives.
 */
public final class EmbeddedQueues implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private static final FiniteDuration IN_FLIGHT_GRACE = FiniteDuration.apply(5, TimeUnit.SECONDS);

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    private EmbeddedQueues(
            SQSRestServer server, URI endpoint, SqsClient sqs, String queueUrl, String deadLetterQueueUrl) {
        this.server = server;
        this.endpoint = endpoint;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /**
     * @param port              the port to listen on, or 0 for any free one
     * @param visibilityTimeout seconds a received message stays hidden before it is delivered again
     * @param maxReceives       receives after which a message moves to the dead-letter queue
     */
    public static EmbeddedQueues start(int port, String queueName, int visibilityTimeout, int maxReceives) {
        SQSRestServer server = (port > 0 ? SQSRestServerBuilder.withPort(port) : SQSRestServerBuilder.withDynamicPort())
                .withInterface("127.0.0.1")
                .withAWSRegion(REGION)
                .start();
        int boundPort = server.waitUntilStarted().localAddress().getPort();
        URI endpoint = URI.create("http://127.0.0.1:" + boundPort);
        SqsClient sqs = client(endpoint);
        ProjectorQueues queues = createProjectorQueues(sqs, queueName, visibilityTimeout, maxReceives);
        return new EmbeddedQueues(server, endpoint, sqs, queues.queueUrl(), queues.deadLetterQueueUrl());
    }

    /** The projector's queue and its dead-letter queue, by URL. */
    public record ProjectorQueues(String queueUrl, String deadLetterQueueUrl) {}

    /**
     * Creates the projector's queue and its dead-letter queue on any SQS endpoint (ElasticMQ here, LocalStack
     * in its suite): a message received {@code maxReceives} times without being deleted moves to the DLQ.
     */
    public static ProjectorQueues createProjectorQueues(
            SqsClient sqs, String queueName, int visibilityTimeout, int maxReceives) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(queueName + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)
                        .attributes(Map.of(
                                QueueAttributeName.VISIBILITY_TIMEOUT,
                                Integer.toString(visibilityTimeout),
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"maxReceiveCount\":\"" + maxReceives + "\",\"deadLetterTargetArn\":\"" + dlqArn
                                        + "\"}")))
                .queueUrl();
        return new ProjectorQueues(queueUrl, dlqUrl);
    }

    /** An SQS client for this server; the credentials are placeholders ElasticMQ accepts. */
    public static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl() {
        return queueUrl;
    }

    public String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    public String queueArn() {
        return Objects.requireNonNull(
                sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                        .attributes()
                        .get(QueueAttributeName.QUEUE_ARN),
                "ElasticMQ answered no queue ARN");
    }

    /**
     * ElasticMQ's own stop gives in-flight requests a minute and then waits a minute in all, so one long poll
     * left open by a closed consumer fails the stop. Here in-flight requests get a few seconds: nothing a
     * closing local runtime still needs is waiting on this queue.
     */
    @Override
    public void close() {
        sqs.close();
        try {
            Await.result(server.waitUntilStarted().terminate(IN_FLIGHT_GRACE), IN_FLIGHT_GRACE.$times(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            throw new IllegalStateException("ElasticMQ did not stop its HTTP server within " + IN_FLIGHT_GRACE, e);
        }
        server.stopAndWait();
    }
}
