package dev.movieratings.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem detail: what went wrong, for the caller to read and for code to branch on. The
 * detail and any text extension are cut to a fixed length here, the one place every error passes, so
 * no error body can outgrow 2 KB whatever a message happens to quote.
 */
public record Problem(
        String type, String title, int status, @Nullable String detail, Map<String, Object> extensions) {

    private static final String BASE = "https://movie-ratings.dev/problems/";
    static final int MAX_DETAIL = 400;
    static final int MAX_EXTENSION_TEXT = 100;

    public Problem {
        detail = cut(detail, MAX_DETAIL);
        Map<String, Object> bounded = new LinkedHashMap<>();
        if (extensions != null) {
            extensions.forEach((name, value) ->
                    bounded.put(name, value instanceof String text ? cut(text, MAX_EXTENSION_TEXT) : value));
        }
        extensions = Map.copyOf(bounded);
    }

    private static @Nullable String cut(@Nullable String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    public static Problem of(String slug, String title, int status, @Nullable String detail) {
        return new Problem(BASE + slug, title, status, detail, Map.of());
    }

    public Problem with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(type, title, status, detail, more);
    }

    public static Problem malformedBody(@Nullable String detail) {
        return of("malformed-body", "The request body could not be read", 400, detail);
    }

    public static Problem invalidField(String field, @Nullable String detail) {
        return of("invalid-field", "A field has an invalid value", 422, detail).with("field", field);
    }

    public static Problem invalidParameter(String parameter, @Nullable String detail) {
        return of("invalid-parameter", "Invalid query parameter", 400, detail).with("parameter", parameter);
    }

    public static Problem unauthorized() {
        return of("unauthorized", "Sign-in required", 401, "This request needs a valid bearer token.");
    }

    public static Problem notFound(@Nullable String detail) {
        return of("not-found", "Not found", 404, detail);
    }

    public static Problem unsupportedMediaType(@Nullable String found) {
        return of(
                "unsupported-media-type",
                "Unsupported media type",
                415,
                "send the body as application/json" + (found == null ? "" : ", not " + Excerpt.of(found)));
    }

    public static Problem payloadTooLarge(int limit) {
        return of("payload-too-large", "Request body too large", 413, "the body must be at most " + limit + " bytes");
    }

    public static Problem unknownRoute(String route) {
        return of("unknown-route", "No such endpoint", 404, "nothing answers " + Excerpt.of(route));
    }

    public static Problem serverError() {
        return of(
                "server-error",
                "Something went wrong on our side",
                500,
                "The request could not be completed. It is safe to retry with the same Idempotency-Key.");
    }
}
