package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to a running local runtime over real HTTP, as a browser or a script would. */
final class LocalRuntimeClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalRuntime runtime;

    LocalRuntimeClient(LocalRuntime runtime) {
        this.runtime = runtime;
    }

    String token(String user) throws Exception {
        HttpResponse<String> response = send("POST", "/api/dev/token", null, "{\"user\":\"" + user + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("token").asString();
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Polls until the read reflects the position (read-your-writes), for at most 15 s. */
    JsonNode awaitProjection(String path, long position) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        JsonNode node = getJson(path);
        while (node.get("projectedThrough").asLong() < position && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            node = getJson(path);
        }
        assertThat(node.get("projectedThrough").asLong())
                .as("projection reached position %d", position)
                .isGreaterThanOrEqualTo(position);
        return node;
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, java.util.Map.of());
    }

    HttpResponse<String> send(
            String method, String path, String token, String body, java.util.Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                // a request that hangs fails the test instead of the build
                .timeout(java.time.Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JdbcClient jdbc() {
        return JdbcClient.create(runtime.database().dataSource());
    }

    static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
