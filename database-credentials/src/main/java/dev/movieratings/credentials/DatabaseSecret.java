package dev.movieratings.credentials;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The database user and password from a Secrets Manager secret (the RDS-managed master secret's JSON:
 * {"username":…,"password":…}). Fetched on first use and kept; fetched again only when the database
 * refuses them, which is what a rotation looks like from a warm function.
 */
public final class DatabaseSecret {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    private final SecretsManagerClient secrets;
    private final String secretId;
    private final AtomicReference<@Nullable Credentials> current = new AtomicReference<>();

    public DatabaseSecret(SecretsManagerClient secrets, String secretId) {
        this.secrets = secrets;
        this.secretId = secretId;
    }

    /** A client for the function's region and credentials; {@code endpoint} overrides for tests. */
    public static SecretsManagerClient client(@Nullable String endpoint) {
        SecretsManagerClientBuilder builder =
                SecretsManagerClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    public Credentials current() {
        Credentials credentials = current.get();
        return credentials != null ? credentials : refresh();
    }

    /** Drops the kept credentials: the next {@link #current()} fetches them again. */
    public void forget() {
        current.set(null);
    }

    public Credentials refresh() {
        String secret = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        JsonNode node = JSON.readTree(secret);
        if (node == null
                || !node.path("username").isString()
                || !node.path("password").isString()) {
            throw new IllegalStateException(
                    "secret " + secretId + " does not hold a JSON object with username and password");
        }
        Credentials credentials = new Credentials(
                node.get("username").asString(), node.get("password").asString());
        current.set(credentials);
        return credentials;
    }
}
