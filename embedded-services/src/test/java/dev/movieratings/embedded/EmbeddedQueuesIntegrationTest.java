package dev.movieratings.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedQueuesIntegrationTest {

    @Test
    void closingStopsTheServerWhileARequestIsStillInFlight() throws Exception {
        EmbeddedQueues queues = EmbeddedQueues.start(0, "ratings", 30, 3);
        try (Socket client = new Socket("127.0.0.1", queues.endpoint().getPort())) {
            // a client that announced a body and went quiet: the server keeps the request open
            OutputStream out = client.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            + "Content-Length: 1000\r\n\r\nAction=")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            // ElasticMQ's own stop would wait a minute for it and then fail
            assertTimeoutPreemptively(Duration.ofSeconds(30), queues::close);
        }
        assertThat(reachable(queues)).as("the port is closed after close()").isFalse();
    }

    private static boolean reachable(EmbeddedQueues queues) {
        try (Socket probe = new Socket("127.0.0.1", queues.endpoint().getPort())) {
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
