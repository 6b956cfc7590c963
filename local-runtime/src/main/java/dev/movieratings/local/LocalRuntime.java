// Over 250 lines: it starts the whole one-JVM system in order; each part it starts lives in its own class.
package dev.movieratings.local;

import dev.movieratings.command.CommandApiApplication;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.EmbeddedQueues;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.local.front.ClientRateLimit;
import dev.movieratings.local.front.HttpFront;
import dev.movieratings.local.front.SiteSignIn;
import dev.movieratings.local.seed.MovieLensImport;
import dev.movieratings.local.signin.SignInIssuer;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.ProjectionWorkerApplication;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import dev.movieratings.query.QueryApiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole system in one JVM: embedded PostgreSQL, ElasticMQ as SQS, the local bus (the command
 * publishes the EventBridge envelope straight to the queue), the four functions entered through
 * FunctionInvoker, the SQS event source mapping, the scheduled outbox relay, and the HTTP front.
 */
public final class LocalRuntime implements AutoCloseable {

    public static final String CONNECTION_FILE = "runtime.properties";
    private static final String PASSWORDS_FILE = "database-passwords.properties";
    /** Whether an operator paused the projector ({@code ops projector pause}); the poller asks before receiving. */
    private static final String PROJECTOR_PAUSED = "select paused from ops.projector_control";

    private static final String QUEUE = "movie-ratings-projector";
    /** How often similar movies are refreshed: a changed like shows in a movie's list within this, plus a refresh. */
    static final int SIMILAR_REFRESH_SECONDS = 10;

    private static final String SCHEDULED_EVENT =
            "{\"version\":\"0\",\"id\":\"local\",\"detail-type\":\"Scheduled Event\","
                    + "\"source\":\"aws.scheduler\",\"account\":\"000000000000\",\"region\":\"local\","
                    + "\"resources\":[],\"detail\":{}}";

    private final Path dataDirectory;
    private volatile EmbeddedDatabase database;
    private final DatabaseLogins logins;
    private final EmbeddedQueues queues;
    private final SqsEventSourceMapping eventSourceMapping;
    private final ScheduledExecutorService relaySchedule;
    private final HttpFront front;
    private final SignInIssuer issuer;
    private final LocalMetrics metrics;
    private final Map<String, String> functionEnvironment;
    private final List<LocalLambda> functions;

    private LocalRuntime(
            Path dataDirectory,
            EmbeddedDatabase database,
            DatabaseLogins logins,
            EmbeddedQueues queues,
            SqsEventSourceMapping eventSourceMapping,
            ScheduledExecutorService relaySchedule,
            HttpFront front,
            SignInIssuer issuer,
            LocalMetrics metrics,
            Map<String, String> functionEnvironment,
            List<LocalLambda> functions) {
        this.metrics = metrics;
        this.functions = functions;
        this.functionEnvironment = functionEnvironment;
        this.dataDirectory = dataDirectory;
        this.database = database;
        this.logins = logins;
        this.queues = queues;
        this.eventSourceMapping = eventSourceMapping;
        this.relaySchedule = relaySchedule;
        this.front = front;
        this.issuer = issuer;
    }

    /**
     * The environment variables the four functions were started with, but for each one's database login.
     * A variable a function reads on every call (PROJECTOR_FAIL_USERS) changes with it: how a test poisons
     * a user and lifts it again.
     */
    public Map<String, String> functionEnvironment() {
        return functionEnvironment;
    }

    public static void main(String[] args) {
        try {
            LocalRuntime runtime = start(LocalSettings.fromEnvironment());
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-runtime-shutdown"));
        } catch (RuntimeException e) {
            System.err.println("[movie-ratings] Could not start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(1);
        }
    }

    public static LocalRuntime start(LocalSettings settings) {
        long started = System.nanoTime();
        Path data = settings.dataDirectory();
        say("Starting Movie Ratings locally; data in " + data);
        LocalMetrics metrics = new LocalMetrics();
        CompletableFuture<SignInIssuer> issuerStarting =
                SignInIssuer.startInBackground(settings.port(), data, LocalRuntime::say);
        EmbeddedDatabase database =
                EmbeddedDatabase.start(data.resolve("postgres-binaries"), data.resolve("postgres"), 0);
        say("PostgreSQL is up on 127.0.0.1:" + database.port() + " (" + elapsed(started) + ")");
        // every function connects as its own role, with a password kept in the data folder
        DatabaseLogins logins =
                DatabaseLogins.kept(data.resolve(PASSWORDS_FILE), database.jdbcUrl() + "?reWriteBatchedInserts=true");
        int applied = logins.migrate(database.dataSource()).migrationsExecuted;
        say("Schema migrated (" + applied + " migration(s) applied), each function with its own database role");
        seed(settings, database, logins);
        requeueUnprojected(database);

        EmbeddedQueues queues =
                EmbeddedQueues.start(0, QUEUE, settings.queueVisibilitySeconds(), settings.maxReceives());
        say("ElasticMQ (SQS API) is up at " + queues.endpoint() + " with " + QUEUE + " and its DLQ");
        metrics.sampleQueues(queues.sqs(), queues.queueUrl(), queues.deadLetterQueueUrl());

        // the functions' environment, as Terraform gives it on Lambda; live, for knobs read on every call
        Map<String, String> environment = new ConcurrentHashMap<>(settings.functionEnvironment());
        environment.put("EVENT_BUS_KIND", "sqs");
        environment.put("LOCAL_BUS_SQS_ENDPOINT", queues.endpoint().toString());
        environment.put("LOCAL_BUS_QUEUE_URL", queues.queueUrl());
        environment.put("OUTBOX_RELAY_MIN_AGE_MS", "3000");
        environment.put(
                "CURSOR_SIGNING_KEY", Base64.getEncoder().encodeToString(randomKey(data, "cursor-signing.key")));
        // the local runtime is where chaos is run: the projector's fault knobs (PROJECTOR_FAIL_USERS, read on
        // every batch, and PROJECTOR_FAILURE_RATE) are wired here, never on Lambda
        environment.put("PROJECTOR_FAULT_INJECTION", "true");
        long functionsStarted = System.nanoTime();
        LocalLambda ratingCommands = LocalLambda.start(
                CommandApiApplication.class, "ratingCommands", as(DatabaseRole.COMMAND, logins, environment));
        LocalLambda outboxRelay = LocalLambda.start(
                CommandApiApplication.class, "outboxRelay", as(DatabaseRole.RELAY, logins, environment));
        LocalLambda projector = LocalLambda.start(
                ProjectionWorkerApplication.class,
                "projectRatingEvents",
                as(DatabaseRole.PROJECTOR, logins, environment));
        LocalLambda movieQueries = LocalLambda.start(
                QueryApiApplication.class, "movieQueries", as(DatabaseRole.QUERY, logins, environment));
        say("Functions started through FunctionInvoker (" + elapsed(functionsStarted) + ")");

        JdbcClient control = JdbcClient.create(database.dataSource());
        SqsEventSourceMapping mapping = new SqsEventSourceMapping(
                queues.sqs(),
                queues.queueUrl(),
                queues.queueArn(),
                projector,
                settings.projectorPollers(),
                () -> control.sql(PROJECTOR_PAUSED).query(Boolean.class).single());
        ScheduledExecutorService relay = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay-schedule");
            thread.setDaemon(true);
            return thread;
        });
        relay.scheduleWithFixedDelay(
                () -> {
                    try {
                        outboxRelay.invoke(SCHEDULED_EVENT);
                    } catch (RuntimeException e) {
                        System.err.println("outbox relay run failed: " + e);
                    }
                },
                0,
                settings.relayIntervalMillis(),
                TimeUnit.MILLISECONDS);
        // similar movies with bounded staleness, as the schedule does on AWS: what a like changed shows within
        // this interval plus one refresh (docs/benchmarks.md has what a refresh costs)
        ProjectionMaintenance maintenance = JdbcProjectionMaintenance.create(database.dataSource());
        relay.scheduleWithFixedDelay(
                () -> {
                    try {
                        maintenance.refreshSimilarMovies();
                    } catch (RuntimeException e) {
                        System.err.println("similar movies refresh failed: " + e);
                    }
                },
                SIMILAR_REFRESH_SECONDS,
                SIMILAR_REFRESH_SECONDS,
                TimeUnit.SECONDS);

        SignInIssuer issuer = SignInIssuer.await(issuerStarting);
        HttpFront front;
        try {
            front = new HttpFront(
                    settings.port(),
                    Map.of("ratingCommands", ratingCommands, "movieQueries", movieQueries),
                    SiteSignIn.of(issuer.issuer(), SignInIssuer.CLIENT_ID, issuer::devAccessToken),
                    metrics::scrape,
                    new ClientRateLimit(settings.anonymousReads()));
        } catch (IOException e) {
            issuer.close();
            throw new UncheckedIOException("could not listen on port " + settings.port(), e);
        }
        issuer.allowSite(front.port());
        writeConnectionFile(data, logins, queues);
        say("Ready in " + elapsed(started) + ": open http://localhost:" + front.port() + "/ (metrics at /metrics)");
        List<LocalLambda> functions = List.of(ratingCommands, outboxRelay, projector, movieQueries);
        return new LocalRuntime(
                data, database, logins, queues, mapping, relay, front, issuer, metrics, environment, functions);
    }

    /** Each function connects as its own database role: the shared environment under that role's login. */
    private static Map<String, String> as(DatabaseRole role, DatabaseLogins logins, Map<String, String> shared) {
        return new OwnLogin(logins.springDataSource(role), shared);
    }

    private static void seed(LocalSettings settings, EmbeddedDatabase database, DatabaseLogins logins) {
        MovieLensImport seed = new MovieLensImport(database.dataSource());
        if (!settings.seedMovieLens() || seed.alreadyImported()) {
            say(
                    settings.seedMovieLens()
                            ? "MovieLens data already imported; keeping what is there"
                            : "MovieLens seed switched off");
            return;
        }
        say("First start: importing MovieLens ml-latest-small (research and demo use only;"
                + " see data/movielens-ml-latest-small/README.txt)");
        MovieLensImport.Report imported = seed.importAll();
        say("Imported " + imported.movies() + " movies, " + imported.ratings() + " ratings and " + imported.tags()
                + " tags (" + imported.tagsSkipped() + " tag rows left out) as events (" + seconds(imported.took())
                + ")");
        // the lists' scores stored with the m the query and projector functions are given
        RebuildSettings rebuild = RebuildSettings.DEFAULT.withMinimumVotes(
                settings.functionEnvironment().get("WEIGHTED_RATING_MIN_VOTES"));
        RebuildReport rebuilt = JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS), rebuild)
                .rebuildAll();
        say("Built projections from " + rebuilt.events() + " events: " + rebuilt.movies() + " movies scored ("
                + seconds(rebuilt.took()) + ")");
        // Fresh statistics after the bulk load, so the first queries are planned for 100k rows, not for empty tables.
        JdbcClient.create(database.dataSource()).sql("analyze").update();
    }

    /**
     * ElasticMQ keeps messages in memory: events published before the last shutdown but not yet
     * projected would be lost with it. Marking them unpublished has the relay send them again
     * (the projector ignores any it already applied).
     */
    private static void requeueUnprojected(EmbeddedDatabase database) {
        int requeued = JdbcClient.create(database.dataSource())
                .sql("update event_publications p set published_at = null"
                        + " where p.published_at is not null"
                        + " and p.position > (select position from projection.watermark)"
                        + " and not exists (select 1 from projection.applied_events a where a.position = p.position)")
                .update();
        if (requeued > 0) {
            say("Re-queued " + requeued + " event(s) that were published but not yet projected before the last stop");
        }
    }

    /** Where the ops CLI finds this runtime's database and queues (they listen on ports chosen at start). */
    private static void writeConnectionFile(Path data, DatabaseLogins logins, EmbeddedQueues queues) {
        String properties = "# written by the local runtime at start; read by the ops CLI (the ops role's login)\n"
                + "jdbc.url=" + logins.jdbcUrl() + "\n"
                + "jdbc.user=" + DatabaseRole.OPS.roleName() + "\n"
                + "jdbc.password=" + logins.password(DatabaseRole.OPS) + "\n"
                + "sqs.endpoint=" + queues.endpoint() + "\n"
                + "queue.url=" + queues.queueUrl() + "\n"
                + "dlq.url=" + queues.deadLetterQueueUrl() + "\n";
        try {
            Files.writeString(data.resolve(CONNECTION_FILE), properties);
            EmbeddedDatabase.ownerOnly(data.resolve(CONNECTION_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * 32 random bytes generated on first start and kept with the data, so list cursors
     * survive a restart and a reset invalidates them.
     */
    private static byte[] randomKey(Path data, String name) {
        Path file = data.resolve(name);
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(data);
            Files.write(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops PostgreSQL and starts it again on the same port and data, as an RDS failover or restart
     * would look to the functions (for fault tests). Returns once it accepts connections again.
     */
    public void restartDatabase(java.time.Duration downFor) throws InterruptedException {
        int port = database.port();
        database.close();
        Thread.sleep(downFor.toMillis());
        database = EmbeddedDatabase.start(
                dataDirectory.resolve("postgres-binaries"), dataDirectory.resolve("postgres"), port);
    }

    public int port() {
        return front.port();
    }

    public EmbeddedDatabase database() {
        return database;
    }

    /** Each database role's login, for tests that act as one function's role. */
    public DatabaseLogins logins() {
        return logins;
    }

    public EmbeddedQueues queues() {
        return queues;
    }

    /** The local OpenID Connect issuer (its URL is in every token's {@code iss}). */
    public SignInIssuer signIn() {
        return issuer;
    }

    @Override
    public void close() {
        front.close();
        issuer.close();
        metrics.close();
        relaySchedule.shutdownNow();
        eventSourceMapping.close();
        awaitRelayStopped();
        // after everything that calls them has stopped, and before the database: each pool closes its connections
        functions.forEach(LocalLambda::close);
        queues.close();
        database.close();
    }

    /** A relay run in flight finishes before the functions close under it. */
    private void awaitRelayStopped() {
        try {
            relaySchedule.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The four functions, each with its Spring application (running until {@link #close()}). */
    List<LocalLambda> functions() {
        return functions;
    }

    private static void say(String line) {
        System.out.println("[movie-ratings] " + line);
    }

    private static String elapsed(long startedNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
