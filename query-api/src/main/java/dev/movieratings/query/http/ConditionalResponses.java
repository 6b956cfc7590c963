package dev.movieratings.query.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.movieratings.http.HttpRequest;
import dev.movieratings.http.HttpResponses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP validation for reads: a strong ETag over the exact body, and 304 Not Modified when the client's
 * If-None-Match names it. The body includes projectedThrough, so any newly projected event changes it.
 */
final class ConditionalResponses {

    private ConditionalResponses() {}

    static APIGatewayV2HTTPResponse json(HttpRequest request, Object body, Map<String, String> headers) {
        APIGatewayV2HTTPResponse response = HttpResponses.json(200, body, headers);
        String etag = entityTag(response.getBody());
        if (request.header("if-none-match").map(value -> matches(value, etag)).orElse(false)) {
            Map<String, String> validators = new LinkedHashMap<>(headers);
            validators.put("etag", etag);
            return HttpResponses.notModified(validators);
        }
        Map<String, String> all = new LinkedHashMap<>(response.getHeaders());
        all.put("etag", etag);
        response.setHeaders(all);
        return response;
    }

    /** If-None-Match is a list of tags, possibly weak (W/), or "*"; weak comparison applies to GET. */
    static boolean matches(String ifNoneMatch, String etag) {
        return Arrays.stream(ifNoneMatch.split(","))
                .map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }

    static String entityTag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
