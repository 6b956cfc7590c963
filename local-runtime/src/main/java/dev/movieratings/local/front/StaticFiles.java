package dev.movieratings.local.front;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Serves the frontend (copied into the jar under static/) with the site's security headers; files the
 * runtime writes itself (config.js) take the place of the copied ones.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "svg",
            "image/svg+xml",
            "png",
            "image/png",
            "ico",
            "image/x-icon",
            "json",
            "application/json",
            "txt",
            "text/plain; charset=utf-8");

    private final String contentSecurityPolicy;
    private final Map<String, byte[]> generated;

    StaticFiles(String contentSecurityPolicy, Map<String, String> generated) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.generated = generated.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, entry -> entry.getValue().getBytes(StandardCharsets.UTF_8)));
    }

    void serve(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpFront.problem(exchange, 405, "method-not-allowed", "Method not allowed", "static files are read-only");
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (name.contains("..")
                || name.contains("//")
                || name.contains("\\")
                || !name.matches("[A-Za-z0-9._/-]{1,200}")) {
            HttpFront.problem(exchange, 404, "not-found", "Not found", "no such file");
            return;
        }
        try (InputStream in = generated.containsKey(name)
                ? new ByteArrayInputStream(generated.get(name))
                : StaticFiles.class.getResourceAsStream("/static/" + name)) {
            if (in == null) {
                HttpFront.problem(exchange, 404, "not-found", "Not found", "no such file");
                return;
            }
            byte[] body = in.readAllBytes();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            var headers = exchange.getResponseHeaders();
            headers.set("content-type", TYPES.getOrDefault(extension, "application/octet-stream"));
            headers.set("content-security-policy", contentSecurityPolicy);
            headers.set("x-content-type-options", "nosniff");
            headers.set("referrer-policy", "no-referrer");
            headers.set("x-frame-options", "DENY");
            headers.set("cache-control", "no-cache");
            HttpFront.send(exchange, 200, body);
        }
    }
}
