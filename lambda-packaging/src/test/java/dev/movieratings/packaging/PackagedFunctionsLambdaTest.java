package dev.movieratings.packaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import dev.movieratings.testsupport.Movies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each deployable jar, as CodeBuild produces it, started in a fresh JVM by the Lambda runtime interface
 * client with only Lambda's environment, and invoked with real event JSON. Prints the cold-start
 * table (docs/benchmarks.md records it); asserts behaviour, never timings.
 */
class PackagedFunctionsLambdaTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int WARM_INVOCATIONS = 40;
    private static final long MAX_PACKAGE_BYTES = 30L * 1024 * 1024;
    /** What Terraform sets on every function. */
    private static final String LAMBDA_JAVA_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private static final List<String> TABLE = new ArrayList<>();
    /** Each function connects as its own database role, as on AWS. */
    private static final Map<String, DatabaseRole> ROLES = Map.of(
            "ratingCommands", DatabaseRole.COMMAND,
            "outboxRelay", DatabaseRole.RELAY,
            "projectRatingEvents", DatabaseRole.PROJECTOR,
            "movieQueries", DatabaseRole.QUERY,
            "projectionOps", DatabaseRole.OPS);

    private static MigratedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static WireMockServer bus;

    @BeforeAll
    static void start() {
        database = MigratedDatabase.start();
        logins = database.logins();
        jdbc = database.jdbc();
        Movies.classics(jdbc);
        bus = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        bus.start();
        bus.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e\"}]}")));
    }

    @AfterAll
    static void stop() throws IOException {
        bus.stop();
        database.close();
        List<String> lines = new ArrayList<>(List.of(
                "| package | init ms | init CPU ms | first invoke ms | warm p50 ms | warm p99 ms | warm n |",
                "| --- | --- | --- | --- | --- | --- | --- |"));
        lines.addAll(TABLE);
        Files.write(Path.of("target", "cold-start.md"), lines);
        lines.forEach(line -> System.out.println("[cold-start] " + line));
    }

    @Test
    void theCommandPackageAcceptsARatingFromARealApiGatewayEvent() throws Exception {
        try (PackagedFunction function = start("command-api", "ratingCommands")) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                ApiGatewayEvents.Response response =
                        ApiGatewayEvents.parseResponse(function.invoke(putRating("packaged-" + (i % 5), 1 + i % 10)));
                assertThat(response.statusCode())
                        .as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(202);
            }
            TABLE.add(function.timings());
        }
        assertThat(jdbc.sql("select count(*) from rating_events where user_id like 'packaged-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(WARM_INVOCATIONS + 1L);
        assertThat(bus.getAllServeEvents()).isNotEmpty();
    }

    @Test
    void theQueryPackageAnswersAMoviePage() throws Exception {
        try (PackagedFunction function = start("query-api", "movieQueries")) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                ApiGatewayEvents.Response response = ApiGatewayEvents.parseResponse(function.invoke(movieRequest()));
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).get("title").asString())
                        .isEqualTo("Shawshank Redemption, The");
            }
            TABLE.add(function.timings());
        }
    }

    @Test
    void theProjectorPackageAppliesAnSqsBatchAndNamesNoFailures() throws Exception {
        try (PackagedFunction function = start("projection-worker", "projectRatingEvents")) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                RatingSubmitted event = new RatingSubmitted(
                        UUID.randomUUID(),
                        "sqs-" + i,
                        1,
                        1,
                        Instant.parse("2026-11-26T03:00:00Z"),
                        4.0,
                        null,
                        Instant.parse("2026-11-26T03:00:00Z"),
                        null);
                append(event);
                String response = function.invoke(SqsEvents.toJson(
                        List.of(new SqsEvents.Message(
                                "m" + i,
                                "r" + i,
                                BusEnvelope.wrap(event, "123456789012", "eu-west-1", Instant.now()),
                                1,
                                0)),
                        "arn:aws:sqs:eu-west-1:123456789012:projector"));
                assertThat(SqsEvents.failedMessageIds(response)).isEmpty();
                assertThat(response).contains("batchItemFailures");
            }
            TABLE.add(function.timings());
        }
        assertThat(jdbc.sql("select rating_count from projection.movie_scores where movie_id = 1")
                        .query(Long.class)
                        .single())
                .isEqualTo(WARM_INVOCATIONS + 1L);
    }

    @Test
    void theRelayPackageReportsTheOutbox() throws Exception {
        try (PackagedFunction function = start("command-api", "outboxRelay")) {
            for (int i = 0; i <= 10; i++) {
                JsonNode report =
                        JSON.readTree(function.invoke("{\"version\":\"0\",\"detail-type\":\"Scheduled Event\","
                                + "\"source\":\"aws.scheduler\",\"detail\":{}}"));
                // what the relay reports is what the outbox table holds after its run
                assertThat(report.get("unpublished").asLong())
                        .as(report.toString())
                        .isEqualTo(jdbc.sql("select count(*) from event_publications where published_at is null")
                                .query(Long.class)
                                .single());
                assertThat(report.get("claimed").asInt()).as(report.toString()).isNotNegative();
            }
            TABLE.add(function.timings().replace("| command-api |", "| command-api (outboxRelay) |"));
        }
    }

    @Test
    void theOpsPackageVerifiesTheProjections() throws Exception {
        try (PackagedFunction function = start("ops-cli", "projectionOps")) {
            JsonNode report = JSON.readTree(function.invoke("{\"action\":\"verify\"}"));
            assertThat(report.get("clean").asBoolean()).as(report.toString()).isTrue();
            JsonNode refused = JSON.readTree(function.invoke("{\"action\":\"drop everything\"}"));
            assertThat(refused.get("error").asString()).contains("rebuild");
            TABLE.add(function.timings());
        }
    }

    /**
     * The same packages with an AppCDS archive: a training start (the first requests included) writes the
     * classes it loaded into an archive at exit; the measured start maps them instead of reading, parsing
     * and verifying them from the jar. The archive only matches this JVM and this exact class path, so on
     * Lambda it would have to be made in the Lambda image by the build (docs/benchmarks.md); -Xshare:on
     * makes a start that cannot use it fail here instead of silently measuring nothing. These tests prove
     * the archived start works; whether it is faster is the benchmarks' question (their table gets the timings).
     */
    @Test
    void theQueryPackageStartsAndAnswersWithItsAppCdsArchiveMapped() throws Exception {
        Path archive = trainedArchive("query-api", "movieQueries", function -> function.invoke(movieRequest()));
        try (PackagedFunction function = start("query-api", "movieQueries", archive)) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                assertThat(ApiGatewayEvents.parseResponse(function.invoke(movieRequest()))
                                .statusCode())
                        .isEqualTo(200);
            }
            TABLE.add(function.timings().replace("| query-api |", "| query-api + AppCDS |"));
        }
    }

    @Test
    void theCommandPackageStartsAndAcceptsRatingsWithItsAppCdsArchiveMapped() throws Exception {
        Path archive = trainedArchive(
                "command-api", "ratingCommands", function -> function.invoke(putRating("cds-training", 7)));
        try (PackagedFunction function = start("command-api", "ratingCommands", archive)) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                ApiGatewayEvents.Response response =
                        ApiGatewayEvents.parseResponse(function.invoke(putRating("cds-" + (i % 5), 1 + i % 10)));
                assertThat(response.statusCode())
                        .as(new String(response.body(), StandardCharsets.UTF_8))
                        .isEqualTo(202);
            }
            TABLE.add(function.timings().replace("| command-api |", "| command-api + AppCDS |"));
        }
    }

    private interface Training {
        void exercise(PackagedFunction function) throws Exception;
    }

    private static Path trainedArchive(String module, String function, Training training) throws Exception {
        Path archive = Path.of("target", module + "-" + function + ".jsa").toAbsolutePath();
        Files.deleteIfExists(archive);
        try (PackagedFunction trainee = start(
                module,
                function,
                Map.of("JAVA_TOOL_OPTIONS", LAMBDA_JAVA_OPTIONS + " -XX:ArchiveClassesAtExit=" + archive))) {
            training.exercise(trainee);
        }
        assertThat(archive).as("archive written when the training JVM exited").exists();
        return archive;
    }

    @Test
    void aPlainJavaHandlerIsTheFloor() throws Exception {
        List<Path> classpath =
                new ArrayList<>(List.of(Path.of("target", "test-classes").toAbsolutePath()));
        classpath.addAll(PackagedFunction.runtimeInterfaceClientClasspath());
        try (PackagedFunction function = PackagedFunction.start(
                "plain-java-floor", classpath, PlainJavaHandler.class.getName() + "::handleRequest", Map.of())) {
            for (int i = 0; i <= WARM_INVOCATIONS; i++) {
                assertThat(function.invoke("{\"ping\":" + i + "}")).contains("\"statusCode\":200");
            }
            TABLE.add(function.timings());
        }
    }

    @Test
    void everyPackageFitsWellUnderLambdasLimit() throws IOException {
        for (String module : List.of("command-api", "query-api", "projection-worker", "ops-cli")) {
            long size = Files.size(jar(module));
            System.out.printf("[package] %s-aws.jar %.1f MB%n", module, size / 1024.0 / 1024.0);
            assertThat(size).as(module + "-aws.jar").isLessThanOrEqualTo(MAX_PACKAGE_BYTES);
        }
    }

    private static PackagedFunction start(String module, String function) throws Exception {
        return start(module, function, Map.of());
    }

    private static PackagedFunction start(String module, String function, Path sharedArchive) throws Exception {
        return start(
                module,
                function,
                Map.of(
                        "JAVA_TOOL_OPTIONS",
                        LAMBDA_JAVA_OPTIONS + " -Xshare:on -XX:SharedArchiveFile=" + sharedArchive));
    }

    private static PackagedFunction start(String module, String function, Map<String, String> extraEnvironment)
            throws Exception {
        List<Path> classpath = new ArrayList<>(List.of(jar(module)));
        classpath.addAll(PackagedFunction.runtimeInterfaceClientClasspath());
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_CLOUD_FUNCTION_DEFINITION",
                function,
                "SPRING_DATASOURCE_URL",
                database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME",
                ROLES.get(function).roleName(),
                "SPRING_DATASOURCE_PASSWORD",
                logins.password(ROLES.get(function)),
                "EVENT_BUS_NAME",
                "movie-ratings-packaged",
                "EVENT_BUS_ENDPOINT",
                bus.baseUrl(),
                "RATING_EVENTS_SOURCE",
                "movie-ratings.command-api",
                "WEIGHTED_RATING_MIN_VOTES",
                "50",
                "CURSOR_SIGNING_KEY",
                "cGFja2FnZWQtZnVuY3Rpb25zLWN1cnNvci1rZXktMzJi"));
        environment.putAll(extraEnvironment);
        return PackagedFunction.start(module, classpath, PackagedFunction.HANDLER, environment);
    }

    private static String movieRequest() {
        return ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "GET",
                "GET /api/movies/{id}",
                "/api/movies/318",
                Map.of("id", "318"),
                "",
                Map.of("accept", "application/json"),
                null,
                null));
    }

    private static Path jar(String module) {
        return Path.of("..", module, "target", module + "-aws.jar")
                .toAbsolutePath()
                .normalize();
    }

    private static String putRating(String user, int halves) {
        return ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                "PUT",
                "PUT /api/movies/{id}/rating",
                "/api/movies/318/rating",
                Map.of("id", "318"),
                "",
                Map.of(
                        "content-type",
                        "application/json",
                        "idempotency-key",
                        UUID.randomUUID().toString()),
                ("{\"stars\":" + halves / 2.0 + "}").getBytes(StandardCharsets.UTF_8),
                Map.of("sub", user, "cognito:username", user)));
    }

    private static void append(RatingSubmitted event) {
        EventTable.append(database.administrator(), event);
    }
}
