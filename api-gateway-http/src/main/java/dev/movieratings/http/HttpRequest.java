package dev.movieratings.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A read-only view of an API Gateway HTTP API (payload 2.0) request, as the functions need it. */
public final class HttpRequest {

    public static final int MAX_QUERY_VALUE_LENGTH = 1_000;

    private final APIGatewayV2HTTPEvent event;

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The route API Gateway matched, e.g. {@code PUT /api/movies/{id}/rating}. */
    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String method() {
        var context = event.getRequestContext();
        return context == null || context.getHttp() == null
                ? ""
                : context.getHttp().getMethod();
    }

    public String path() {
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(lookup(event.getPathParameters(), name, false));
    }

    /**
     * A query parameter's value; absent when empty. Refused (400) when longer than
     * {@link #MAX_QUERY_VALUE_LENGTH} or when it holds controls (NUL among them, which PostgreSQL
     * would refuse with an error) or a lone surrogate: no function has a parameter that needs either.
     */
    public Optional<String> queryParameter(String name) {
        String value = lookup(event.getQueryStringParameters(), name, false);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_QUERY_VALUE_LENGTH || !isPlainText(value)) {
            throw new BadRequest(Problem.invalidParameter(
                    name,
                    name + " must be at most " + MAX_QUERY_VALUE_LENGTH
                            + " characters of text without control characters"));
        }
        return Optional.of(value);
    }

    /** Header values by case-insensitive name (API Gateway lowercases them; a local caller may not). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(lookup(event.getHeaders(), name, true));
    }

    /**
     * The body as text; a body that is not valid UTF-8 is refused rather than silently mangled, and one
     * over {@code maxBytes} (413) before anything is decoded or copied.
     */
    public String body(int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        // a UTF-8 text has at least as many bytes as chars; base64 has 4 chars for every 3 bytes
        long longestAllowed = event.getIsBase64Encoded() ? (maxBytes + 2L) / 3 * 4 : maxBytes;
        if (body.length() > longestAllowed) {
            throw new BadRequest(Problem.payloadTooLarge(maxBytes));
        }
        if (!event.getIsBase64Encoded()) {
            return body;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(Problem.malformedBody("the body is not valid base64"));
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(Problem.malformedBody("the body is not valid UTF-8"));
        }
    }

    /** The caller the JWT authorizer vouched for, if the route is authorized and the claims name a subject. */
    public Optional<Caller> caller() {
        var context = event.getRequestContext();
        if (context == null
                || context.getAuthorizer() == null
                || context.getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        return Caller.fromClaims(context.getAuthorizer().getJwt().getClaims());
    }

    public Caller requireCaller() {
        return caller().orElseThrow(() -> new BadRequest(Problem.unauthorized()));
    }

    private static boolean isPlainText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)
                    && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String lookup(@Nullable Map<String, String> values, String name, boolean ignoreCase) {
        if (values == null) {
            return null;
        }
        String exact = values.get(name);
        if (exact != null || !ignoreCase) {
            return exact;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return values.entrySet().stream()
                .filter(e -> e.getKey() != null
                        && e.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
