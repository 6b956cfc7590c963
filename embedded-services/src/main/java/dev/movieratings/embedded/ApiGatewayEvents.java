package dev.movieratings.embedded;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds API Gateway HTTP API (payload format 2.0) events as Lambda receives them: lowercased
 * headers, the matched route key, path parameters, and the JWT authorizer's claims as strings.
 */
public final class ApiGatewayEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private ApiGatewayEvents() {}

    /** A request as the HTTP front or a test describes it. Claims are null for an unauthorized route. */
    public record Request(
            String method,
            String routeKey,
            String rawPath,
            @Nullable Map<String, String> pathParameters,
            @Nullable String rawQueryString,
            Map<String, String> headers,
            byte @Nullable [] body,
            @Nullable Map<String, String> claims) {}

    public static String toJson(Request request) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        Instant now = Instant.now();
        event.put("version", "2.0");
        event.put("routeKey", request.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQueryString() == null ? "" : request.rawQueryString());
        ObjectNode headers = event.putObject("headers");
        request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, String> query = queryParameters(request.rawQueryString());
        if (!query.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            query.forEach(params::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        if (request.claims() != null) {
            ObjectNode claims = context.putObject("authorizer").putObject("jwt").putObject("claims");
            request.claims().forEach(claims::put);
            context.withObject("authorizer").withObject("jwt").putNull("scopes");
        }
        context.put("domainName", "localhost");
        context.put("domainPrefix", "localhost");
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", request.headers().getOrDefault("user-agent", ""));
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", request.routeKey());
        context.put("stage", "$default");
        context.put("time", CLF.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        if (request.pathParameters() != null && !request.pathParameters().isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            request.pathParameters().forEach(params::put);
        }
        if (request.body() != null && request.body().length > 0) {
            boolean text = isValidUtf8(request.body());
            event.put(
                    "body",
                    text
                            ? new String(request.body(), StandardCharsets.UTF_8)
                            : java.util.Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return JSON.writeValueAsString(event);
    }

    /** API Gateway joins repeated query parameters with commas; so does this. */
    static Map<String, String> queryParameters(@Nullable String rawQueryString) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQueryString == null || rawQueryString.isEmpty()) {
            return params;
        }
        for (String pair : rawQueryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The parts of a Lambda proxy response the HTTP front needs. */
    public record Response(int statusCode, Map<String, String> headers, byte[] body) {}

    public static Response parseResponse(String json) {
        JsonNode node = JSON.readTree(json);
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode rawHeaders = node.get("headers");
        if (rawHeaders != null && rawHeaders.isObject()) {
            for (String name : rawHeaders.propertyNames()) {
                headers.put(name, rawHeaders.get(name).asString());
            }
        }
        JsonNode body = node.get("body");
        String text = body == null || body.isNull() ? "" : body.asString();
        JsonNode base64 = node.get("isBase64Encoded");
        byte[] bytes = base64 != null && base64.asBoolean()
                ? java.util.Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        JsonNode status = node.get("statusCode");
        return new Response(status == null ? 200 : status.asInt(), headers, bytes);
    }
}
