package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.movieratings.local.front.ClientRateLimit;
import dev.movieratings.migrations.DatabaseRole;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Concurrent clients rate while the bus fails 20 % of calls (half before publishing, half after the bus
 * took the event but before its answer arrived, so the relay publishes it again), the projector fails
 * 5 % of messages before its transaction and 5 % of batches inside it (the batch rolls back), four
 * pollers feed it batches at once, and PostgreSQL is stopped and restarted mid-run. Each fault is
 * asserted to have happened. Clients retry a command with its Idempotency-Key until it
 * gets a definite answer, as a careful client would. After the system settles, every projection equals
 * a rebuild from the events and the clients' own record of what was accepted: nothing lost, nothing
 * counted twice. Size: -Dchaos.commands (default 1,500).
 */
class ChaosRunIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-chaos").toAbsolutePath();
    private static final int COMMANDS = Integer.getInteger("chaos.commands", 1_500);
    private static final int CLIENTS = 12;
    private static final int MOVIES = 20;
    private static final int POLLERS = 4;
    private static final String BUS = "dev.movieratings.command.infrastructure.FaultInjectingPublisher";
    private static final String PROJECTOR = "dev.movieratings.projection.sqs.ProjectRatingEventsFunction";
    /** Logs each batch that failed as a whole and was applied again one event at a time. */
    private static final String BATCHES = "dev.movieratings.projection.application.ProjectingEvents";

    private static final ListAppender<ILoggingEvent> FAULTS = new ListAppender<>();
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        Map<String, String> faults = Map.of(
                "EVENT_BUS_FAILURE_RATE", "0.2",
                "PROJECTOR_FAILURE_RATE", "0.05",
                "PROJECTOR_TRANSACTION_FAILURE_RATE", "0.05",
                "WRITE_LIMIT_PER_MINUTE", "1000000");
        runtime = LocalRuntime.start(
                new LocalSettings(0, DATA, false, 1, 5, 300, POLLERS, ClientRateLimit.Limit.NONE, faults));
        // after the functions started: Spring Boot resets the logging configuration when an application starts
        FAULTS.start();
        for (String logger : List.of(BUS, PROJECTOR, BATCHES)) {
            ((Logger) LoggerFactory.getLogger(logger)).addAppender(FAULTS);
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
        for (String logger : List.of(BUS, PROJECTOR, BATCHES)) {
            ((Logger) LoggerFactory.getLogger(logger)).detachAppender(FAULTS);
        }
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
        await("a third of the commands answered")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> done.get() >= COMMANDS / 3);
        runtime.restartDatabase(Duration.ofSeconds(2));
        for (Future<?> clientRun : running) {
            clientRun.get(10, TimeUnit.MINUTES);
        }
        clients.shutdown();

        settle();

        VerificationReport verification = JdbcProjectionMaintenance.create(
                        runtime.logins().dataSource(DatabaseRole.OPS))
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
        assertThat(faults(BUS, "injected bus failure before publishing"))
                .as("bus calls that failed before publishing")
                .isPositive();
        assertThat(faults(BUS, "injected bus failure after publishing"))
                .as("events the bus took whose answer was lost (the relay published them again)")
                .isPositive();
        assertThat(faults(PROJECTOR, "injected random failure"))
                .as("messages the projector failed before its transaction")
                .isPositive();
        assertThat(faults(BATCHES, "injected failure inside the transaction"))
                .as("projector batches rolled back inside their transaction")
                .isPositive();
        assertThat(FAULTS.list.stream()
                        .filter(event -> event.getLoggerName().equals(PROJECTOR))
                        .map(ILoggingEvent::getThreadName)
                        .distinct()
                        .count())
                .as("projector batches handed over by more than one poller")
                .isGreaterThan(1);
        System.out.printf(
                "[chaos] %d commands (%d accepted), bus failing 20%%, projector failing 5%%, one database restart;"
                        + " %d answers were 503 (slowest %d ms); %d failures recorded by the projector;"
                        + " differences: %d%n",
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
                Thread.sleep(100); // the client backs off before retrying; no condition to wait for
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
            Thread.sleep(100); // backoff before the retry, as above
        }
        throw new AssertionError(method + " " + path + " never got a definite answer");
    }

    private static long faults(String logger, String message) {
        return FAULTS.list.stream()
                .filter(event -> event.getLoggerName().equals(logger))
                .filter(event -> event.getFormattedMessage().contains(message))
                .count();
    }

    /** Waits until the outbox is drained, the DLQ redriven, and the projector has applied every event. */
    private static void settle() {
        await("the outbox drained and every event projected")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(ChaosRunIntegrationTest::settled);
    }

    private static boolean settled() {
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
        return unpublished == 0 && watermark == last;
    }
}
