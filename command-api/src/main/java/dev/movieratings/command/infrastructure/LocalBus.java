package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.EventPublisher;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local runtime's bus (EVENT_BUS_KIND=sqs). Kept apart so that only this class touches the SQS
 * client: the Lambda package leaves the SQS SDK out, and nothing on AWS ever loads this class.
 */
final class LocalBus {

    private LocalBus() {}

    static EventPublisher publisher(String sqsEndpoint, String queueUrl, String source) {
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create(sqsEndpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return new SqsEnvelopePublisher(sqs, queueUrl, source, "local");
    }
}
