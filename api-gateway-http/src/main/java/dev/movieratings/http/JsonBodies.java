package dev.movieratings.http;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON request bodies defensively: content type and size are checked before parsing, Jackson 3's
 * stream constraints bound nesting, tokens and number length while it parses, and a first pass over the
 * tokens refuses every number whose digits or exponent no field of this API can hold before any
 * number is materialised (a 9-character {@code 1e999999999} would otherwise become a billion digits
 * wherever it is printed). Error messages quote nothing of the body but where it went wrong.
 */
public final class JsonBodies {

    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Significant digits (integer and fraction part) of any number in a body. */
    public static final int MAX_NUMBER_DIGITS = 32;
    /** Largest exponent magnitude of any number in a body; no field holds a value near 1e99. */
    public static final int MAX_EXPONENT = 99;

    private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(64)
                            .maxTokenCount(4_096)
                            .maxDocumentLength(MAX_BODY_BYTES)
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
        String body = request.body(MAX_BODY_BYTES);
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new BadRequest(Problem.payloadTooLarge(MAX_BODY_BYTES));
        }
        if (body.isBlank()) {
            throw new BadRequest(Problem.malformedBody("the body is empty; send a JSON object"));
        }
        JsonNode node;
        try {
            refuseOversizedNumbers(body);
            node = STRICT.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new BadRequest(Problem.malformedBody("the body is beyond what this API reads: nesting deeper than"
                    + " 32, over 4,096 tokens or a number over " + MAX_NUMBER_DIGITS + " digits"));
        } catch (JacksonException e) {
            throw new BadRequest(Problem.malformedBody("the body is not valid JSON" + where(e)));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(Problem.malformedBody("the body must be a JSON object"));
        }
        return node;
    }

    /** Looks at each number's text only; the tree is built after every number passed. */
    private static void refuseOversizedNumbers(String body) {
        try (JsonParser parser = STRICT.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
                        && !fits(parser.getString())) {
                    String field = parser.streamReadContext()
                            .pathAsPointer()
                            .toString()
                            .replaceFirst("^/", "")
                            .replace('/', '.');
                    throw new BadRequest(Problem.invalidField(
                            Excerpt.of(field),
                            "a number in this body may have at most " + MAX_NUMBER_DIGITS
                                    + " digits and an exponent of at most " + MAX_EXPONENT + "; '"
                                    + Excerpt.of(field) + "' has more"));
                }
            }
        }
    }

    /** JSON's number grammar: -?int(.frac)?([eE][+-]?exp)?; the parser has already checked the syntax. */
    static boolean fits(String number) {
        int digits = 0;
        int i = 0;
        for (; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                break;
            }
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        if (digits > MAX_NUMBER_DIGITS) {
            return false;
        }
        if (i == number.length()) {
            return true;
        }
        String exponent = number.substring(i + 1).replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        return exponent.length() <= 2 && Integer.parseInt(exponent) <= MAX_EXPONENT;
    }

    private static String where(JacksonException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
