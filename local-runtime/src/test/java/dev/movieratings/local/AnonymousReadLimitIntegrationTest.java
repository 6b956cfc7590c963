package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.local.front.ClientRateLimit;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Anonymous reads are limited per client address by the local front (429 problem+json with
 * Retry-After); another address is not held up, and signed-in routes keep only their own limits.
 */
class AnonymousReadLimitIntegrationTest {

    private static final Path DATA =
            Path.of("target", "local-runtime-read-limit").toAbsolutePath();
    private static final int BURST = 5;
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(
                new LocalSettings(0, DATA, false, 1, 5, 500, new ClientRateLimit.Limit(BURST, 0.01)));
        client = new LocalRuntimeClient(runtime);
        client.jdbc()
                .sql("insert into movies (movie_id, title, genres) values (1, 'Heat', '{Crime}')")
                .update();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aClientReadingPastItsBurstGets429WithRetryAfterWhileOthersAndSignedInCallsGoOn() throws Exception {
        String token = client.token("limited");
        for (int i = 0; i < BURST; i++) {
            assertThat(get("127.0.0.1", "/api/movies/1").status()).isEqualTo(200);
        }
        Answer limited = get("127.0.0.1", "/api/movies?sort=top");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.head().toLowerCase()).contains("content-type: application/problem+json");
        assertThat(Long.parseLong(limited.header("retry-after"))).isPositive();
        JsonNode problem = LocalRuntimeClient.JSON.readTree(limited.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asString()).endsWith("/too-many-requests");

        assertThat(get("127.0.0.2", "/api/movies/1").status())
                .as("another address")
                .isEqualTo(200);
        HttpResponse<String> write = client.send("PUT", "/api/movies/1/rating", token, "{\"stars\":4}");
        assertThat(write.statusCode()).as("writes keep the per-user quota only").isEqualTo(202);
        assertThat(client.send("GET", "/api/me/ratings", token, null).statusCode())
                .as("signed-in reads are not anonymous")
                .isEqualTo(200);
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            return head.lines()
                    .filter(l -> l.toLowerCase().startsWith(name + ":"))
                    .map(l -> l.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** From a chosen loopback address: all of 127.0.0.0/8 reaches the front on 127.0.0.1. */
    private static Answer get(String from, String path) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", runtime.port()), 10_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(raw.split(" ")[1]), raw.substring(0, end), raw.substring(end + 4));
        }
    }
}
