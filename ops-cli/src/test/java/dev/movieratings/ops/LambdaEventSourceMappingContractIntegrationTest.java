package dev.movieratings.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.movieratings.ops.pipeline.AwsClients;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops function switches the projector's event source mapping with two signed requests of its own (the
 * SDK's Lambda client does not fit its package): they must be the requests the AWS SDK's Lambda client sends
 * for ListEventSourceMappings and UpdateEventSourceMapping — method, path, query, JSON body, content type and
 * SigV4 scope — both recorded by one WireMock.
 */
class LambdaEventSourceMappingContractIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECTOR =
            "arn:aws:lambda:eu-west-1:123456789012:function:movie-ratings-projector:live";
    private static final String UUID = "a1b2c3d4-0000-4000-8000-123456789abc";
    private static WireMockServer lambdaApi;

    @BeforeAll
    static void start() {
        lambdaApi = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        lambdaApi.start();
        lambdaApi.stubFor(any(anyUrl())
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"EventSourceMappings\":[{\"UUID\":\"" + UUID + "\"}],\"UUID\":\"" + UUID
                                + "\",\"State\":\"Disabling\"}")));
    }

    @AfterAll
    static void stop() {
        lambdaApi.stop();
    }

    @BeforeEach
    void reset() {
        lambdaApi.resetRequests();
    }

    @Test
    void theOpsFunctionsRequestsAreTheOnesTheSdksLambdaClientSends() {
        List<LoggedRequest> sdk = record(() -> {
            try (LambdaClient client = LambdaClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .endpointOverride(URI.create(lambdaApi.baseUrl()))
                    .region(Region.EU_WEST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                    .build()) {
                client.listEventSourceMappings(b -> b.functionName(PROJECTOR));
                client.updateEventSourceMapping(
                        b -> b.uuid(UUID).functionName(PROJECTOR).enabled(false));
            }
        });
        List<LoggedRequest> ours = record(() -> {
            System.setProperty("aws.accessKeyId", "AKID");
            System.setProperty("aws.secretAccessKey", "secret");
            try {
                String done = AwsClients.projectorMapping(Map.of(
                                "PROJECTOR_FUNCTION_ARN",
                                PROJECTOR,
                                "AWS_REGION",
                                "eu-west-1",
                                "AWS_ENDPOINT_URL_LAMBDA",
                                lambdaApi.baseUrl())::get)
                        .setEnabled(false);
                assertThat(done).isEqualTo("event source mapping " + UUID + " Disabling");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        });

        assertThat(ours).hasSameSizeAs(sdk).hasSize(2);
        for (int i = 0; i < 2; i++) {
            LoggedRequest expected = sdk.get(i);
            LoggedRequest actual = ours.get(i);
            assertThat(actual.getMethod()).isEqualTo(expected.getMethod());
            assertThat(actual.getUrl()).isEqualTo(expected.getUrl());
            assertThat(actual.getHeader("Content-Type")).isEqualTo(expected.getHeader("Content-Type"));
            assertThat(json(actual.getBodyAsString())).isEqualTo(json(expected.getBodyAsString()));
            assertThat(scope(actual)).isEqualTo(scope(expected)).endsWith("/eu-west-1/lambda/aws4_request");
        }
        assertThat(sdk.get(1).getUrl()).isEqualTo("/2015-03-31/event-source-mappings/" + UUID);
        assertThat(json(sdk.get(1).getBodyAsString()))
                .isEqualTo(json("{\"Enabled\":false,\"FunctionName\":\"" + PROJECTOR + "\"}"));
    }

    private static List<LoggedRequest> record(Runnable calls) {
        lambdaApi.resetRequests();
        calls.run();
        return lambdaApi.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(anyUrl()));
    }

    private static Object json(String body) {
        return body == null || body.isEmpty() ? "" : JSON.readTree(body);
    }

    /** The credential scope of the SigV4 Authorization header (the signature itself differs by time). */
    private static String scope(LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        return authorization.replaceAll("^AWS4-HMAC-SHA256 Credential=AKID/\\d{8}(/[^,]+),.*$", "$1");
    }
}
