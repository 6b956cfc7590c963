package dev.movieratings.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.HikariCheckpointRestoreLifecycle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SnapStart's hooks, called the way the runtime calls them around a snapshot (this JVM cannot take one):
 * Boot's Hikari lifecycle closes and reopens the pool, ours prime it and renew the credentials.
 */
class DatabaseCheckpointHooksIntegrationTest extends SecretsManagerStubbedTest {

    private static final String ROTATED = "rotated-" + PASSWORD;

    @AfterEach
    void rotateBack() {
        setPassword(PASSWORD);
    }

    private ApplicationContextRunner functionContext() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withUserConfiguration(DatabaseCredentialsConfiguration.class)
                .withPropertyValues(
                        "DATABASE_SECRET_ARN=" + ARN,
                        "SECRETS_MANAGER_ENDPOINT=" + secretsManager.baseUrl(),
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.hikari.maximum-pool-size=2",
                        "spring.datasource.hikari.minimum-idle=0");
    }

    @Test
    void aSnapshotIsTakenWithAPrimedButClosedPoolAndTheRestoredFunctionFetchesTheSecretAgain() {
        secretsManager.stubFor(getSecretValue()
                .inScenario("rotation")
                .whenScenarioStateIs(STARTED)
                .willReturn(secret(USER, PASSWORD))
                .willSetStateTo("rotated"));
        secretsManager.stubFor(getSecretValue()
                .inScenario("rotation")
                .whenScenarioStateIs("rotated")
                .willReturn(secret(USER, ROTATED)));
        functionContext().run(context -> {
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            DatabaseCheckpointHooks hooks = context.getBean(DatabaseCheckpointHooks.class);
            HikariCheckpointRestoreLifecycle poolLifecycle = context.getBean(HikariCheckpointRestoreLifecycle.class);
            DatabaseSecret secret = context.getBean(DatabaseSecret.class);

            // before the snapshot: ours first (reverse registration order), then Boot's closes the pool
            hooks.beforeCheckpoint(null);
            assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                    .as("primed: one connection opened")
                    .isEqualTo(1);
            poolLifecycle.stop();
            // while the function sleeps in its snapshot, the password is rotated
            setPassword(ROTATED);
            assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                    .as("nothing open in the snapshot")
                    .isZero();

            // after the restore: Boot's reopens the pool, then ours renews the credentials
            poolLifecycle.start();
            hooks.afterRestore(null);
            assertThat(secret.current().password()).isEqualTo(ROTATED);
            try (Connection connection = pool.getConnection();
                    ResultSet user = connection.createStatement().executeQuery("select current_user")) {
                user.next();
                assertThat(user.getString(1)).isEqualTo(USER);
            }
        });
        assertThat(secretsManager.findAll(postRequestedFor(urlEqualTo("/"))))
                .as("once to prime, once after the restore")
                .hasSize(2);
    }

    @Test
    void theFunctionsWarmUpsRunThroughThePoolBeforeTheSnapshotAndOneThatFailsFailsNothing() {
        secretsManager.stubFor(getSecretValue().willReturn(secret(USER, PASSWORD)));
        WarmUps.ran.clear();
        functionContext().withUserConfiguration(WarmUps.class).run(context -> {
            HikariDataSource pool = context.getBean(HikariDataSource.class);
            DatabaseCheckpointHooks hooks = context.getBean(DatabaseCheckpointHooks.class);

            assertThatCode(() -> hooks.beforeCheckpoint(null)).doesNotThrowAnyException();

            assertThat(WarmUps.ran).containsExactlyInAnyOrder("failing", "reading");
            assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                    .as("the warm-up's connection, still open for Boot's lifecycle to close")
                    .isEqualTo(1);
        });
    }

    /** Two warm-ups as a function's configuration declares them: one reads through the pool, one fails. */
    @Configuration(proxyBeanMethods = false)
    static class WarmUps {

        static final List<String> ran = new CopyOnWriteArrayList<>();

        @Bean
        FunctionWarmUp failingWarmUp() {
            return () -> {
                ran.add("failing");
                throw new IllegalStateException("planted");
            };
        }

        @Bean
        FunctionWarmUp readingWarmUp(DataSource pool) {
            return () -> {
                ran.add("reading");
                return "read "
                        + JdbcClient.create(pool)
                                .sql("select count(*) from pg_class")
                                .query(Long.class)
                                .single();
            };
        }
    }

    @Test
    void neitherHookFailsWhenSecretsManagerIsAwayAndTheNextConnectionAsksAgain() {
        secretsManager.stubFor(getSecretValue()
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceNotFoundException\","
                                + "\"message\":\"Secrets Manager can't find"
                                + " the specified secret.\"}")));
        functionContext().run(context -> {
            DatabaseCheckpointHooks hooks = context.getBean(DatabaseCheckpointHooks.class);

            assertThatCode(() -> hooks.beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThatCode(() -> hooks.afterRestore(null)).doesNotThrowAnyException();

            secretsManager.resetAll();
            secretsManager.stubFor(getSecretValue().willReturn(secret("postgres", "later")));
            assertThat(context.getBean(DatabaseSecret.class).current().password())
                    .isEqualTo("later");
        });
    }

    @Test
    void neitherHookFailsWhenTheDatabaseIsAway() {
        secretsManager.stubFor(getSecretValue().willReturn(secret(USER, PASSWORD)));
        DatabaseSecret secret = new DatabaseSecret(DatabaseSecret.client(secretsManager.baseUrl()), ARN);
        try (HikariDataSource unreachable = new HikariDataSource()) {
            unreachable.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
            unreachable.setConnectionTimeout(250);
            DatabaseCheckpointHooks hooks = new DatabaseCheckpointHooks(unreachable, secret);

            assertThatCode(() -> hooks.beforeCheckpoint(null)).doesNotThrowAnyException();
            assertThatCode(() -> hooks.afterRestore(null)).doesNotThrowAnyException();
        }
    }
}
