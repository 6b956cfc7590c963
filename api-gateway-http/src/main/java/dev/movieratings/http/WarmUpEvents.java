package dev.movieratings.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.observability.EmbeddedMetricFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * API Gateway v2 HTTP events for a function's SnapStart warm-up: the shape API Gateway hands the function
 * (route key, path and query parameters, the JWT authorizer's claims), so the warm-up decodes and answers
 * them through the same code as a real request. Their request id names them in the access log.
 */
public final class WarmUpEvents {

    public static final String REQUEST_ID = "snapstart-priming";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WarmUpEvents() {}

    /**
     * @param routeKey       e.g. {@code GET /api/movies/{id}}
     * @param path           the raw path, e.g. {@code /api/movies/1}
     * @param pathParameters the route's parameters, e.g. {@code id=1}
     * @param query          the query parameters
     * @param subject        the authorizer's {@code sub} claim, or null for an anonymous request
     * @param body           the JSON body, or null
     */
    public static byte[] request(
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            Map<String, String> query,
            @Nullable String subject,
            @Nullable String body) {
        Instant now = Instant.now();
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", REQUEST_ID);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("requestId", REQUEST_ID);
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", now.toEpochMilli());
        context.put("http", http);
        if (subject != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", Map.of("sub", subject, "name", subject))));
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put(
                "rawQueryString",
                query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("&")));
        event.put("headers", body == null ? Map.of() : Map.of("content-type", "application/json"));
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Hands every request to the function {@code rounds} times, with the metrics documents of those calls
     * dropped (they are not requests anyone made).
     *
     * @param function the function as Spring Cloud Function's catalog hands it to Lambda's invoker
     * @return how many calls answered each status, e.g. {@code {200=75, 404=25}}
     */
    public static Map<Integer, Integer> answer(
            Function<Message<byte[]>, Object> function, int rounds, List<byte[]> requests) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (var noMetrics = EmbeddedMetricFormat.capture(line -> {})) {
            for (int round = 0; round < rounds; round++) {
                for (byte[] request : requests) {
                    Object output =
                            function.apply(MessageBuilder.withPayload(request).build());
                    statuses.merge(status(output), 1, Integer::sum);
                }
            }
        }
        return statuses;
    }

    /** The status an invocation answered, whether the catalog handed back the response or its JSON. */
    static int status(Object output) {
        Object response = output instanceof Message<?> message ? message.getPayload() : output;
        if (response instanceof APIGatewayV2HTTPResponse typed) {
            return typed.getStatusCode();
        }
        if (response instanceof byte[] json) {
            return JSON.readTree(json).path("statusCode").asInt(0);
        }
        return 0;
    }
}
