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

/** A read-only view of an API Gateway HTTP API (payload 2.0) request, as the functions need it. */
public final class HttpRequest {

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

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(lookup(event.getQueryStringParameters(), name, false))
                .filter(v -> !v.isEmpty());
    }

    /** Header values by case-insensitive name (API Gateway lowercases them; a local caller may not). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(lookup(event.getHeaders(), name, true));
    }

    /** The body as text; a body that is not valid UTF-8 is refused rather than silently mangled. */
    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
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

    private static String lookup(Map<String, String> values, String name, boolean ignoreCase) {
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
