package dev.movieratings.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Credentials from Secrets Manager (its real API, stubbed at the HTTP level): fetched once, refreshed on refusal. */
class DatabaseSecretIntegrationTest extends SecretsManagerStubbedTest {

    @Test
    void theFunctionsPoolTakesItsCredentialsFromTheSecretAndAsksOnce() {
        secretsManager.stubFor(getSecretValue().willReturn(secret(USER, PASSWORD)));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withUserConfiguration(DatabaseCredentialsConfiguration.class)
                .withPropertyValues(
                        "DATABASE_SECRET_ARN=" + ARN,
                        "SECRETS_MANAGER_ENDPOINT=" + secretsManager.baseUrl(),
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.hikari.maximum-pool-size=1")
                .run(context -> {
                    DataSource dataSource = context.getBean(DataSource.class);
                    for (int i = 0; i < 3; i++) {
                        try (Connection connection = dataSource.getConnection();
                                ResultSet user = connection.createStatement().executeQuery("select current_user")) {
                            user.next();
                            assertThat(user.getString(1)).isEqualTo(USER);
                        }
                    }
                });
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                        .withRequestBody(equalToJson("{\"SecretId\":\"" + ARN + "\"}"))))
                .hasSize(1);
    }

    @Test
    void aRotatedPasswordIsFetchedAgainWhenTheDatabaseRefusesTheOldOne() throws SQLException {
        secretsManager.stubFor(getSecretValue()
                .inScenario("rotation")
                .whenScenarioStateIs(STARTED)
                .willReturn(secret(USER, "rotated-away-" + PASSWORD))
                .willSetStateTo("rotated"));
        secretsManager.stubFor(getSecretValue()
                .inScenario("rotation")
                .whenScenarioStateIs("rotated")
                .willReturn(secret(USER, PASSWORD)));
        List<String> tried = new ArrayList<>();
        DatabaseSecret secret = new DatabaseSecret(DatabaseSecret.client(secretsManager.baseUrl()), ARN);
        SecretBackedDataSource dataSource =
                new SecretBackedDataSource(database.jdbcUrl(), secret, (url, user, password) -> {
                    tried.add(password);
                    return DriverManager.getConnection(url, user, password);
                });

        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        try (Connection again = dataSource.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
        }

        assertThat(tried).containsExactly("rotated-away-" + PASSWORD, PASSWORD, PASSWORD);
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
        assertThat(secret.current().toString()).doesNotContain(PASSWORD).contains("***");
    }

    @Test
    void aWrongPasswordInTheSecretIsRefusedByTheDatabaseAfterOneMoreLook() {
        secretsManager.stubFor(getSecretValue().willReturn(secret(USER, "wrong-" + PASSWORD)));
        SecretBackedDataSource dataSource = new SecretBackedDataSource(
                database.jdbcUrl(), new DatabaseSecret(DatabaseSecret.client(secretsManager.baseUrl()), ARN));

        assertThatThrownBy(dataSource::getConnection)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(2);
    }
}
