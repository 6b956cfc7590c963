package dev.movieratings.ops.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON request to an AWS REST API, signed with the AWS SDK's SigV4 signer and sent by its HTTP client,
 * for the two Lambda calls the ops function makes. The SDK's Lambda client would add 2.9 MB of models for
 * every Lambda operation to a package that must stay under 30 MB; LambdaEventSourceMappingContractIntegrationTest holds
 * these requests to the ones that client sends.
 */
final class SignedAwsRequest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String service;
    private final Region region;
    private final URI endpoint;

    private SignedAwsRequest(String service, Region region, URI endpoint) {
        this.service = service;
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The service's endpoint in AWS_REGION, or AWS_ENDPOINT_URL_&lt;SERVICE&gt; / AWS_ENDPOINT_URL where set. */
    static SignedAwsRequest to(String service, Function<String, @Nullable String> settings) {
        String regionName = settings.apply("AWS_REGION");
        Region region = regionName == null || regionName.isBlank()
                ? DefaultAwsRegionProviderChain.builder().build().getRegion()
                : Region.of(regionName);
        String endpoint = settings.apply("AWS_ENDPOINT_URL_" + service.toUpperCase(java.util.Locale.ROOT));
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = settings.apply("AWS_ENDPOINT_URL");
        }
        if (endpoint == null || endpoint.isBlank()) {
            endpoint = "https://" + service + "." + region.id() + ".amazonaws.com";
        }
        return new SignedAwsRequest(service, region, URI.create(endpoint));
    }

    /**
     * @param body the JSON body, or null for none
     * @return the answer's JSON
     * @throws IllegalStateException naming the status and AWS's message when the answer is not a success
     */
    JsonNode send(SdkHttpMethod method, String path, Map<String, String> query, @Nullable String body) {
        SdkHttpFullRequest.Builder request =
                SdkHttpFullRequest.builder().method(method).uri(endpoint).encodedPath(path);
        query.forEach(request::putRawQueryParameter);
        ContentStreamProvider payload = body == null ? null : ContentStreamProvider.fromUtf8String(body);
        if (body != null) {
            request.putHeader("Content-Type", "application/json")
                    .putHeader("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        }
        AwsCredentials credentials =
                DefaultCredentialsProvider.builder().build().resolveCredentials();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(sign -> sign.identity(credentials)
                        .request(request.build())
                        .payload(payload)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            String answer;
            InputStream stream =
                    response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream());
            try (InputStream in = stream) {
                answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode json = answer.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer);
            int status = response.httpResponse().statusCode();
            if (status >= 300) {
                JsonNode message = json.has("message") ? json.get("message") : json.get("Message");
                throw new IllegalStateException(
                        service + " answered " + status + ": " + (message == null ? answer : message.asString()));
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(service + " could not be reached at " + endpoint, e);
        }
    }
}
