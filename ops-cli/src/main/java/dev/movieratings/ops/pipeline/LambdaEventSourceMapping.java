package dev.movieratings.ops.pipeline;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The projector's SQS event source mapping on AWS, found by the function it feeds (its UUID is made by
 * AWS after the function exists, so Terraform cannot hand it to the ops function without a cycle):
 * Lambda's ListEventSourceMappings, then UpdateEventSourceMapping with Enabled. The update names the
 * function again: IAM's {@code lambda:FunctionArn} condition then limits the ops role to this one mapping.
 */
public final class LambdaEventSourceMapping implements ProjectorControl.EventSourceMapping {

    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SignedAwsRequest lambda;
    private final String functionArn;

    LambdaEventSourceMapping(SignedAwsRequest lambda, String functionArn) {
        this.lambda = lambda;
        this.functionArn = functionArn;
    }

    @Override
    public String setEnabled(boolean enabled) {
        JsonNode mappings = lambda.send(SdkHttpMethod.GET, MAPPINGS, Map.of("FunctionName", functionArn), null)
                .path("EventSourceMappings");
        if (mappings.size() != 1) {
            throw new ProjectorControl.Refused(
                    "expected one event source mapping for " + functionArn + ", found " + mappings.size());
        }
        String uuid = mappings.get(0).path("UUID").asString();
        ObjectNode update = JSON.createObjectNode().put("Enabled", enabled).put("FunctionName", functionArn);
        JsonNode updated = lambda.send(
                SdkHttpMethod.PUT,
                MAPPINGS + "/" + URLEncoder.encode(uuid, StandardCharsets.UTF_8),
                Map.of(),
                JSON.writeValueAsString(update));
        return "event source mapping " + uuid + " " + updated.path("State").asString();
    }
}
