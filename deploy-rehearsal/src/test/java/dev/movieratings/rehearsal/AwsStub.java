package dev.movieratings.rehearsal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS as the deploy scripts see it, on one loopback port: S3 (path-style), Lambda's REST API, CodeDeploy's
 * JSON 1.1 API, SSM's GetParameter and Secrets Manager's GetSecretValue. Each answer is the shape the AWS
 * CLI's commands and waiters read. A Lambda invoke is not canned: it is handed to the real function
 * ({@code invoke}), so the catalog step really runs.
 */
final class AwsStub implements AutoCloseable {

    static final String CURRENT_VERSION = "6";
    static final String NEW_VERSION = "7";

    private final WireMockServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    AwsStub(UnaryOperator<String> invoke) {
        server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new Invocation(invoke), new ObjectStore(objects)));
        server.start();
        // S3: uploads of the jars; the catalog files are added by serve()
        server.stubFor(put(urlPathMatching("/[^/]+/.+"))
                .atPriority(9)
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "\"d41d8cd98f00b204e9800998ecf8427e\"")));
        String functions = "/2015-03-31/functions/[^/]+";
        server.stubFor(put(urlPathMatching(functions + "/code"))
                .willReturn(json("{\"LastUpdateStatus\":\"InProgress\",\"State\":\"Active\"}")));
        server.stubFor(get(urlPathMatching(functions))
                .willReturn(json("{\"Configuration\":{\"LastUpdateStatus\":\"Successful\",\"State\":\"Active\"}}")));
        server.stubFor(post(urlPathMatching(functions + "/versions"))
                .willReturn(json("{\"Version\":\"" + NEW_VERSION + "\",\"State\":\"Pending\"}")));
        server.stubFor(get(urlPathMatching(functions + "/configuration"))
                .willReturn(json("{\"State\":\"Active\",\"LastUpdateStatus\":\"Successful\"}")));
        server.stubFor(get(urlPathMatching(functions + "/aliases/live"))
                .willReturn(json("{\"Name\":\"live\",\"FunctionVersion\":\"" + CURRENT_VERSION + "\"}")));
        server.stubFor(post(urlPathMatching(functions + "/invocations"))
                .willReturn(aResponse().withTransformers(Invocation.NAME)));
        server.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CodeDeploy_20141006.CreateDeployment"))
                .willReturn(json("{\"deploymentId\":\"d-REHEARSAL\"}")));
        server.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("CodeDeploy_20141006.GetDeployment"))
                .willReturn(json("{\"deploymentInfo\":{\"deploymentId\":\"d-REHEARSAL\",\"status\":\"Succeeded\"}}")));
        // anything else is a call the rehearsal did not expect: an error the scripts must not swallow
        server.stubFor(any(urlPathMatching(".*"))
                .atPriority(10)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"__type\":\"UnexpectedCall\",\"message\":\"not stubbed in the rehearsal\"}")));
    }

    String url() {
        return server.baseUrl();
    }

    WireMockServer server() {
        return server;
    }

    /** Makes one bucket keep what is put into it and answer GETs from that (404 NoSuchKey otherwise). */
    void keep(String bucket) {
        server.stubFor(put(urlPathMatching("/" + bucket + "/.+"))
                .atPriority(5)
                .willReturn(aResponse().withTransformers(ObjectStore.NAME)));
        server.stubFor(get(urlPathMatching("/" + bucket + "/.+"))
                .atPriority(5)
                .willReturn(aResponse().withTransformers(ObjectStore.NAME)));
    }

    /** An object already in a kept bucket, at {@code /bucket/key}. */
    void serve(String path, byte[] body) {
        objects.put(path, body.clone());
    }

    /** What a kept bucket holds at {@code /bucket/key}. */
    Optional<byte[]> object(String path) {
        return Optional.ofNullable(objects.get(path)).map(byte[]::clone);
    }

    /** SSM's GetParameter for one name (JSON 1.1 protocol: the name is in the body). */
    void ssmParameter(String name, String value) {
        ObjectNode parameter = JsonNodeFactory.instance.objectNode();
        parameter.putObject("Parameter").put("Name", name).put("Type", "String").put("Value", value);
        server.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo(name)))
                .willReturn(json(parameter.toString())));
    }

    /** Secrets Manager's GetSecretValue for one secret: the JSON username/password a database role's secret holds. */
    void databaseSecret(String arn, String username, String password) {
        ObjectNode credentials = JsonNodeFactory.instance.objectNode();
        credentials.put("username", username).put("password", password);
        secret(arn, credentials.toString());
    }

    /** Secrets Manager's GetSecretValue for one secret holding {@code secretString}. */
    void secret(String arn, String secretString) {
        ObjectNode secret = JsonNodeFactory.instance.objectNode();
        secret.put("ARN", arn)
                .put("Name", arn.substring(arn.lastIndexOf(':') + 1))
                .put("SecretString", secretString)
                .put("VersionId", "v1");
        server.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(arn)))
                .willReturn(json(secret.toString())));
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** S3's PutObject and GetObject on the kept buckets (path-style: the URL path is /bucket/key). */
    private record ObjectStore(Map<String, byte[]> objects) implements ResponseDefinitionTransformerV2 {
        static final String NAME = "s3-object-store";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            String path = serveEvent.getRequest().getUrl().replaceFirst("\\?.*", "");
            if (serveEvent.getRequest().getMethod().getName().equals("PUT")) {
                byte[] body = serveEvent.getRequest().getBody();
                objects.put(path, body);
                return ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(200)
                        .withHeader("ETag", "\"" + md5(body) + "\"")
                        .build();
            }
            byte[] body = objects.get(path);
            if (body == null) {
                return ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message></Error>")
                        .build();
            }
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream")
                    .withHeader("ETag", "\"" + md5(body) + "\"")
                    .withBody(body)
                    .build();
        }

        private static String md5(byte[] body) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }

    /** Lambda's Invoke: the request body is the payload, the response body the function's answer. */
    private record Invocation(UnaryOperator<String> invoke) implements ResponseDefinitionTransformerV2 {
        static final String NAME = "lambda-invocation";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            String answer = invoke.apply(serveEvent.getRequest().getBodyAsString());
            return ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-Amz-Executed-Version", NEW_VERSION)
                    .withBody(answer)
                    .build();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }
    }
}
