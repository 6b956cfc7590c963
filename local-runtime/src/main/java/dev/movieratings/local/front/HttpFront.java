// Over 250 lines: the one local stand-in for API Gateway (routes, authorizer, per-client limit, static site, metrics).
package dev.movieratings.local.front;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.http.Excerpt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for API Gateway and the ALB: real HTTP on loopback. API routes become API Gateway
 * HTTP API v2 events handed to the functions through FunctionInvoker, with the JWT authorizer's
 * checks and claims; everything else is the static frontend.
 */
public final class HttpFront implements AutoCloseable {

    /** Larger bodies are refused here, as API Gateway refuses over its own limit; the functions enforce 16 KB. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);

    static {
        // Without TCP_NODELAY a kept-alive connection waits ~40 ms (Nagle against delayed ACK) on every
        // response after the first: the browser saw 48 ms for a 5 ms search. Read once, when the JDK's
        // server configuration loads, so it must be set before the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Route> routes;
    private final Map<String, LocalLambda> functions;
    private final SiteSignIn signIn;
    private final StaticFiles site;
    private final Supplier<String> metrics;
    private final ClientRateLimit anonymousReads;

    /**
     * @param metrics the Prometheus text exposition served at {@code GET /metrics}
     * @param anonymousReads the limit per client address on routes without the authorizer
     */
    public HttpFront(
            int port,
            Map<String, LocalLambda> functions,
            SiteSignIn signIn,
            Supplier<String> metrics,
            ClientRateLimit anonymousReads)
            throws IOException {
        this.functions = functions;
        this.signIn = signIn;
        this.site = new StaticFiles(signIn.contentSecurityPolicy(), Map.of("config.js", signIn.configJs()));
        this.metrics = metrics;
        this.anonymousReads = anonymousReads;
        this.routes = List.of(
                new Route("PUT", "/api/movies/{id}/rating", "ratingCommands", true),
                new Route("DELETE", "/api/movies/{id}/rating", "ratingCommands", true),
                new Route("GET", "/api/movies", "movieQueries", false),
                new Route("GET", "/api/movies/{id}", "movieQueries", false),
                new Route("GET", "/api/movies/{id}/reviews", "movieQueries", false),
                new Route("GET", "/api/movies/{id}/history", "movieQueries", false),
                new Route("GET", "/api/movies/{id}/similar", "movieQueries", false),
                new Route("GET", "/api/me/ratings", "movieQueries", true),
                new Route("GET", "/api/me/profile", "ratingCommands", true),
                new Route("PUT", "/api/me/profile", "ratingCommands", true),
                new Route("GET", "/api/me/export", "ratingCommands", true),
                new Route("DELETE", "/api/me", "ratingCommands", true),
                // the diary (issue 20): writes to the command function, reads to the query function
                new Route("POST", "/api/me/diary", "ratingCommands", true),
                new Route("PUT", "/api/me/diary/{entryId}", "ratingCommands", true),
                new Route("DELETE", "/api/me/diary/{entryId}", "ratingCommands", true),
                new Route("GET", "/api/me/diary", "movieQueries", true),
                new Route("GET", "/api/me/diary/{entryId}", "movieQueries", true),
                // issue 20: the caller's watchlist and profile summary
                new Route("PUT", "/api/me/watchlist/{movieId}", "ratingCommands", true),
                new Route("DELETE", "/api/me/watchlist/{movieId}", "ratingCommands", true),
                new Route("GET", "/api/me/watchlist", "movieQueries", true),
                new Route("GET", "/api/me/profile/summary", "movieQueries", true),
                // issue 20: helpful reviews (the votes go to the command function, which holds the review ids)
                new Route("PUT", "/api/movies/{id}/reviews/{reviewId}/helpful", "ratingCommands", true),
                new Route("DELETE", "/api/movies/{id}/reviews/{reviewId}/helpful", "ratingCommands", true),
                new Route("GET", "/api/me/helpful", "movieQueries", true),
                // issue 19: the caller's tags on a film
                new Route("POST", "/api/me/tags/{movieId}", "ratingCommands", true),
                new Route("DELETE", "/api/me/tags/{movieId}", "ratingCommands", true),
                new Route("GET", "/api/me/tags", "movieQueries", true));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/metrics")) {
                serveMetrics(exchange);
            } else if (path.equals("/api/dev/token")) {
                issueToken(exchange);
            } else if (path.startsWith("/api/")) {
                invokeApi(exchange, path);
            } else {
                site.serve(exchange, path);
            }
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            problem(
                    exchange,
                    500,
                    "server-error",
                    "Something went wrong on our side",
                    "the local front could not complete the request");
        }
    }

    private void invokeApi(HttpExchange exchange, String rawPath) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = decodePath(rawPath);
        Route route = null;
        Map<String, String> parameters = null;
        for (Route candidate : routes) {
            Optional<Map<String, String>> match = candidate.match(method, path);
            if (match.isPresent()) {
                route = candidate;
                parameters = match.get();
                break;
            }
        }
        if (route == null) {
            boolean otherMethod =
                    routes.stream().anyMatch(r -> r.match(r.method(), path).isPresent());
            problem(
                    exchange,
                    otherMethod ? 405 : 404,
                    otherMethod ? "method-not-allowed" : "unknown-route",
                    otherMethod ? "Method not allowed" : "No such endpoint",
                    Excerpt.of(method + " " + path) + " is not an API route");
            return;
        }
        if (!route.authorized()) {
            long wait = anonymousReads.secondsToWait(
                    exchange.getRemoteAddress().getAddress().getHostAddress());
            if (wait > 0) {
                exchange.getResponseHeaders().set("retry-after", Long.toString(wait));
                problem(
                        exchange,
                        429,
                        "too-many-requests",
                        "Too many requests",
                        "this address is reading faster than the limit for anonymous reads; retry after " + wait
                                + " s");
                return;
            }
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            problem(
                    exchange,
                    413,
                    "payload-too-large",
                    "Request body too large",
                    "the body must be at most 16384 bytes");
            return;
        }
        Map<String, String> claims = null;
        if (route.authorized()) {
            claims = signIn.authorizer()
                    .authorize(exchange.getRequestHeaders().getFirst("Authorization"), Instant.now())
                    .orElse(null);
            if (claims == null) {
                problem(exchange, 401, "unauthorized", "Sign-in required", "This request needs a valid bearer token.");
                return;
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String event = ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                method,
                route.routeKey(),
                rawPath,
                parameters,
                exchange.getRequestURI().getRawQuery(),
                headers,
                body,
                claims));
        ApiGatewayEvents.Response response =
                ApiGatewayEvents.parseResponse(Objects.requireNonNull(functions.get(route.function()), route.function())
                        .invoke(event));
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        send(exchange, response.statusCode(), response.body());
    }

    private void serveMetrics(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
            problem(exchange, 405, "method-not-allowed", "Method not allowed", "GET /metrics");
            return;
        }
        exchange.getResponseHeaders().set("content-type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-store");
        send(exchange, 200, metrics.get().getBytes(StandardCharsets.UTF_8));
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            problem(exchange, 405, "method-not-allowed", "Method not allowed", "POST a JSON body {\"user\":\"alice\"}");
            return;
        }
        byte[] body = readBody(exchange);
        String user = body == null ? null : DevTokenRequest.userName(new String(body, StandardCharsets.UTF_8));
        Optional<String> token =
                user == null ? Optional.empty() : signIn.devTokens().apply(user);
        if (token.isEmpty()) {
            problem(
                    exchange,
                    422,
                    "invalid-field",
                    "A field has an invalid value",
                    "user must be 1 to 40 letters, digits, dots, dashes or underscores");
            return;
        }
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.getResponseHeaders().set("cache-control", "no-store");
        send(
                exchange,
                200,
                ("{\"token\":\"" + token.get() + "\",\"user\":\"" + user + "\",\"sub\":\"local-" + user + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static byte @Nullable [] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    private static String decodePath(String rawPath) {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    static void problem(HttpExchange exchange, int status, String slug, String title, String detail)
            throws IOException {
        exchange.getResponseHeaders().set("content-type", "application/problem+json");
        exchange.getResponseHeaders().set("x-content-type-options", "nosniff");
        String json = "{\"type\":\"https://movie-ratings.dev/problems/" + slug + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean empty = body.length == 0
                || status == 204
                || status == 304
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
