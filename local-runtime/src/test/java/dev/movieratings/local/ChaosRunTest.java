package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.ops.cli.OpsCommandLine;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent clients rate while the bus fails 20 % of calls, the projector fails 5 % of messages and
 * PostgreSQL is stopped and restarted mid-run. Clients retry a command with its Idempotency-Key until it
 * gets a definite answer, as a careful client would. After the system settles, every projection equals
 * a rebuild from the events and the clients' own record of what was accepted: nothing lost, nothing
 * counted twice. Size: -Dchaos.commands (default 1,500).
 */
class ChaosRunTest {

    private static final Path DATA = Path.of("target", "local-runtime-chaos").toAbsolutePath();
    private static final int COMMANDS = Integer.getInteger("chaos.commands", 1_500);
    private static final int CLIENTS = 12;
    private static final int MOVIES = 20;
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        Map<String, String> faults = Map.of(
                "EVENT_BUS_FAILURE_RATE", "0.2", "PROJECTOR_FAILURE_RATE", "0.05", "WRITE_LIMIT_PER_MINUTE", "1000000");
        faults.forEach(System::setProperty);
        try {
            runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 300));
        } finally {
            faults.keySet().forEach(System::clearProperty);
        }
        client = new LocalRuntimeClient(runtime);
        for (int movie = 1; movie <= MOVIES; movie++) {
            client.jdbc()
                    .sql("insert into movies (movie_id, title) values (?, ?)")
                    .params(movie, "Chaos " + movie)
                    .update();
        }
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void nothingIsLostOrCountedTwiceWhateverFails() throws Exception {
        RatingModel model = new RatingModel();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowestUnavailableMillis = new AtomicLong();
        List<String> anomalies = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNumber = c;
            running.add(clients.submit(() -> {
                Random random = new Random(clientNumber);
                List<String> tokens = new ArrayList<>();
                for (int u = 0; u < 10; u++) {
                    tokens.add(client.token("chaos-" + clientNumber + "-" + u));
                }
                for (int i = clientNumber; i < COMMANDS; i += CLIENTS) {
                    int u = random.nextInt(tokens.size());
                    String user = "local-chaos-" + clientNumber + "-" + u;
                    long movie = 1 + random.nextInt(MOVIES);
                    boolean withdraw = random.nextInt(5) == 0;
                    BigDecimal stars = BigDecimal.valueOf(1 + random.nextInt(10))
                            .divide(BigDecimal.valueOf(2))
                            .setScale(1);
                    String key = UUID.randomUUID().toString();
                    int status = untilDefinite(
                            withdraw ? "DELETE" : "PUT",
                            "/api/movies/" + movie + "/rating",
                            tokens.get(u),
                            key,
                            withdraw ? null : "{\"stars\":" + stars + "}",
                            unavailable,
                            slowestUnavailableMillis);
                    if (status == 202) {
                        accepted.incrementAndGet();
                        if (withdraw) {
                            model.withdrew(user, movie);
                        } else {
                            model.rated(user, movie, stars);
                        }
                    } else if (!(withdraw && status == 404 && !model.hasRating(user, movie))) {
                        anomalies.add(
                                (withdraw ? "DELETE " : "PUT ") + user + " movie " + movie + " answered " + status);
                    }
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        while (done.get() < COMMANDS / 3) {
            Thread.sleep(50);
        }
        runtime.restartDatabase(Duration.ofSeconds(2));
        for (Future<?> clientRun : running) {
            clientRun.get();
        }
        clients.shutdown();

        settle();

        VerificationReport verification = JdbcProjectionMaintenance.create(
                        runtime.database().dataSource())
                .verify();
        assertThat(verification.differences())
                .as("projections equal a rebuild from the events")
                .isEmpty();
        assertThat(anomalies).isEmpty();
        for (long movie = 1; movie <= MOVIES; movie++) {
            assertThat(RatingModel.projectedScore(client, movie))
                    .as("movie %d", movie)
                    .isEqualTo(model.expectedScore(movie));
        }
        assertThat(client.jdbc()
                        .sql("select count(*) from rating_events")
                        .query(Long.class)
                        .single())
                .as("one event per accepted command: zero lost, zero doubled")
                .isEqualTo((long) accepted.get());
        assertThat(unavailable.get()).as("the database outage was noticed").isPositive();
        System.out.printf(
                "[chaos] %d commands (%d accepted), bus failing 20%%, projector failing 5%%, one database restart;"
                        + " %d answers were 503 (slowest %d ms); %d failures recorded by the projector; differences: %d%n",
                COMMANDS,
                accepted.get(),
                unavailable.get(),
                slowestUnavailableMillis.get(),
                client.jdbc()
                        .sql("select coalesce(sum(failures), 0) from ops.projection_failures")
                        .query(Long.class)
                        .single(),
                verification.differences().size());
        assertThat(slowestUnavailableMillis.get())
                .as("503s come quickly instead of hanging")
                .isLessThan(10_000);
    }

    /** Sends the command, retrying with the same Idempotency-Key until the answer is definite (2xx or 4xx but 429). */
    private static int untilDefinite(
            String method,
            String path,
            String token,
            String key,
            String body,
            AtomicInteger unavailable,
            AtomicLong slowest)
            throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            long started = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = client.send(method, path, token, body, Map.of("idempotency-key", key));
            } catch (IOException e) {
                Thread.sleep(100);
                continue;
            }
            int status = response.statusCode();
            if (status == 503) {
                unavailable.incrementAndGet();
                slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                assertThat(response.headers().firstValue("retry-after")).isPresent();
            }
            if (status < 500 && status != 429) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(method + " " + path + " never got a definite answer");
    }

    /** Waits until the outbox is drained, the DLQ redriven, and the projector has applied every event. */
    private static void settle() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            OpsCommandLine.run("dlq", "redrive", "--local-data", DATA.toString());
            long unpublished = client.jdbc()
                    .sql("select count(*) from event_publications where published_at is null")
                    .query(Long.class)
                    .single();
            long last = client.jdbc()
                    .sql("select coalesce(max(position), 0) from rating_events")
                    .query(Long.class)
                    .single();
            long watermark = client.jdbc()
                    .sql("select position from projection.watermark")
                    .query(Long.class)
                    .single();
            if (unpublished == 0 && watermark == last) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("the system did not settle within two minutes");
    }
}
