package dev.movieratings.http;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JSON request bodies defensively: content type, size and nesting are checked before parsing. */
public final class JsonBodies {

    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(100)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonBodies() {}

    public static JsonNode readObject(HttpRequest request) {
        String contentType = request.header("content-type").orElse(null);
        if (contentType == null || !isJson(contentType)) {
            throw new BadRequest(Problem.unsupportedMediaType(contentType));
        }
        String body = request.body();
        if (body.length() > MAX_BODY_BYTES
                || body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new BadRequest(Problem.payloadTooLarge(MAX_BODY_BYTES));
        }
        if (body.isBlank()) {
            throw new BadRequest(Problem.malformedBody("the body is empty; send a JSON object"));
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequest(Problem.malformedBody("the body is not valid JSON: " + e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(Problem.malformedBody("the body must be a JSON object"));
        }
        return node;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
