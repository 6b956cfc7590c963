package dev.movieratings.packaging;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback implementation of Lambda's documented Runtime API (2018-06-01): the runtime interface
 * client long-polls {@code invocation/next}, and posts the {@code response} or {@code error} of each
 * invocation, exactly as it does inside Lambda.
 */
final class LambdaRuntimeApi implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    private record Invocation(String requestId, String event) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<String>> results = new ConcurrentHashMap<>();
    private final CompletableFuture<Long> firstPoll = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();

    static {
        // without it every small response waits for the peer's delayed ACK (~40 ms), hiding the real latency
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext(BASE, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** When the runtime first asked for work: the end of its init phase. */
    long awaitReady(Duration timeout) throws Exception {
        CompletableFuture<Object> either = CompletableFuture.anyOf(firstPoll, initError);
        Object first = either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first instanceof String error) {
            throw new IllegalStateException("init failed: " + error);
        }
        return (Long) first;
    }

    /** Hands the function one event and waits for its answer; an error answer is thrown. */
    String invoke(String event, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<String> result = new CompletableFuture<>();
        results.put(requestId, result);
        pending.put(new Invocation(requestId, event));
        return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        byte[] body = exchange.getRequestBody().readAllBytes();
        try {
            if (path.equals("invocation/next")) {
                firstPoll.complete(System.nanoTime());
                Invocation invocation = pending.take();
                var headers = exchange.getResponseHeaders();
                headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
                headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                headers.set(
                        "Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:eu-west-1:123456789012:function:packaged");
                headers.set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
                headers.set("Lambda-Runtime-Client-Context", "");
                headers.set("Lambda-Runtime-Cognito-Identity", "");
                headers.set("Content-Type", "application/json");
                respond(exchange, 200, invocation.event().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                results.get(path.split("/")[1]).complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, new byte[0]);
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                results.get(path.split("/")[1])
                        .completeExceptionally(new IllegalStateException(
                                "function error: " + new String(body, StandardCharsets.UTF_8)));
                respond(exchange, 202, new byte[0]);
            } else if (path.equals("init/error")) {
                initError.complete(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 202, new byte[0]);
            } else {
                respond(exchange, 404, new byte[0]);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
