package dev.movieratings.migrations;

import dev.movieratings.credentials.DatabaseSecret;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The migration command's environment, read and checked before anything connects.
 *
 * <ul>
 * <li>{@code SPRING_DATASOURCE_URL}: the database (through RDS Proxy on AWS).
 * <li>The owner's login: {@code DATABASE_SECRET_ARN} (its Secrets Manager secret, JSON username/password as
 *     the functions read theirs), or {@code SPRING_DATASOURCE_USERNAME} and {@code SPRING_DATASOURCE_PASSWORD}.
 * <li>{@code DATABASE_ADMIN_SECRET_ARN}, optional: the administrator's secret (the RDS master user's);
 *     when given, the owner is bootstrapped first.
 * <li>{@code DATABASE_ROLE_SECRET_ARNS}, optional: a JSON object from role key (command, relay, projector,
 *     query, ops, analyst) to the ARN of that role's secret; each role's password is set from it.
 * <li>{@code SECRETS_MANAGER_ENDPOINT}, optional: another endpoint (tests).
 * </ul>
 */
record MigrationSettings(
        String url,
        String ownerSecretArn,
        DatabaseSecret.Credentials ownerCredentials,
        String adminSecretArn,
        Map<DatabaseRole, String> roleSecretArns,
        String secretsManagerEndpoint) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static MigrationSettings from(Map<String, String> environment) {
        String url = required(environment, "SPRING_DATASOURCE_URL");
        String ownerSecret = optional(environment, "DATABASE_SECRET_ARN");
        DatabaseSecret.Credentials ownerCredentials = null;
        if (ownerSecret == null) {
            ownerCredentials = new DatabaseSecret.Credentials(
                    required(environment, "SPRING_DATASOURCE_USERNAME"),
                    environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        }
        return new MigrationSettings(
                url,
                ownerSecret,
                ownerCredentials,
                optional(environment, "DATABASE_ADMIN_SECRET_ARN"),
                roleSecrets(optional(environment, "DATABASE_ROLE_SECRET_ARNS")),
                optional(environment, "SECRETS_MANAGER_ENDPOINT"));
    }

    boolean needsSecretsManager() {
        return ownerSecretArn != null || adminSecretArn != null || !roleSecretArns.isEmpty();
    }

    private static Map<DatabaseRole, String> roleSecrets(String json) {
        if (json == null) {
            return Map.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("DATABASE_ROLE_SECRET_ARNS is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "DATABASE_ROLE_SECRET_ARNS must be a JSON object from role to secret ARN, e.g. {\"query\":\"arn:…\"}");
        }
        Map<DatabaseRole, String> arns = new EnumMap<>(DatabaseRole.class);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            DatabaseRole role;
            try {
                role = DatabaseRole.ofKey(entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("DATABASE_ROLE_SECRET_ARNS: " + e.getMessage());
            }
            if (role == DatabaseRole.OWNER) {
                throw new IllegalArgumentException(
                        "DATABASE_ROLE_SECRET_ARNS: the owner's secret is DATABASE_SECRET_ARN, not an entry here");
            }
            if (!entry.getValue().isString() || !entry.getValue().asString().startsWith("arn:")) {
                throw new IllegalArgumentException(
                        "DATABASE_ROLE_SECRET_ARNS: the value for " + entry.getKey() + " must be a secret ARN");
            }
            arns.put(role, entry.getValue().asString());
        }
        return Collections.unmodifiableMap(arns);
    }

    private static String required(Map<String, String> environment, String name) {
        String value = optional(environment, name);
        if (value == null) {
            throw new IllegalArgumentException("Missing environment variable " + name);
        }
        return value;
    }

    private static String optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
