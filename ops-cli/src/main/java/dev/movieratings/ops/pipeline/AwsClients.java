package dev.movieratings.ops.pipeline;

import java.net.URI;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * AWS clients for the ops tools, from settings looked up by environment variable name (Spring's Environment on
 * Lambda, the process environment on the command line): AWS_REGION, and AWS_ENDPOINT_URL_SQS,
 * AWS_ENDPOINT_URL_LAMBDA or AWS_ENDPOINT_URL where an endpoint stands in for AWS (the SDK's own names).
 * Credentials come the SDK's usual way.
 */
public final class AwsClients {

    private AwsClients() {}

    public static SqsClient sqs(Function<String, @Nullable String> settings) {
        return configured(SqsClient.builder(), settings, "AWS_ENDPOINT_URL_SQS")
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configured(
            B builder, Function<String, @Nullable String> settings, String serviceEndpoint) {
        String region = settings.apply("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region));
        }
        String endpoint = settings.apply(serviceEndpoint);
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = settings.apply("AWS_ENDPOINT_URL");
        }
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder;
    }

    /** The projector's event source mapping where PROJECTOR_FUNCTION_ARN names the projector, else null. */
    public static ProjectorControl.@Nullable EventSourceMapping projectorMapping(
            Function<String, @Nullable String> settings) {
        String function = settings.apply("PROJECTOR_FUNCTION_ARN");
        if (function == null || function.isBlank()) {
            return null;
        }
        return new LambdaEventSourceMapping(SignedAwsRequest.to("lambda", settings), function);
    }
}
