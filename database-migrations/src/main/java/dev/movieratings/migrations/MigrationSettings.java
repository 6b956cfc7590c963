package dev.movieratings.migrations;

import dev.movieratings.credentials.DatabaseSecret;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The migration command's environment, read and checked before anything connects (the names the deploy
 * job sets, terraform/modules/cicd):
 *
 * <ul>
 * <li>{@code SPRING_DATASOURCE_URL}: the database (through RDS Proxy on AWS).
 * <li>{@code SPRING_DATASOURCE_USERNAME}, {@code SPRING_DATASOURCE_PASSWORD}: the administrator (the RDS
 *     master user), who bootstraps the owner; without an owner secret, the user that migrates.
 * <li>{@code DATABASE_ROLE_SECRETS_<ROLE>}, one per role (OWNER, COMMAND, RELAY, PROJECTOR, QUERY, OPS,
 *     ANALYST): the ARN of that role's Secrets Manager secret (JSON username/password, the shape the
 *     functions read). With OWNER the migrations run as the owner; each other role gets its password.
 * <li>{@code SECRETS_MANAGER_ENDPOINT}, optional: another endpoint (tests).
 * </ul>
 */
record MigrationSettings(
        String url,
        DatabaseSecret.Credentials administrator,
        Map<DatabaseRole, String> roleSecretArns,
        @Nullable String secretsManagerEndpoint) {

    static final String ROLE_SECRETS = "DATABASE_ROLE_SECRETS_";

    static MigrationSettings from(Map<String, String> environment) {
        String url = required(environment, "SPRING_DATASOURCE_URL");
        DatabaseSecret.Credentials administrator = new DatabaseSecret.Credentials(
                required(environment, "SPRING_DATASOURCE_USERNAME"),
                environment.getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
        Map<DatabaseRole, String> arns = new EnumMap<>(DatabaseRole.class);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (!variable.getKey().startsWith(ROLE_SECRETS)) {
                continue;
            }
            String key = variable.getKey().substring(ROLE_SECRETS.length()).toLowerCase(Locale.ROOT);
            DatabaseRole role = Arrays.stream(DatabaseRole.values())
                    .filter(candidate -> candidate.key().equals(key))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalArgumentException(variable.getKey() + " names no database role; the roles are "
                                    + Arrays.stream(DatabaseRole.values())
                                            .map(r -> ROLE_SECRETS + r.key().toUpperCase(Locale.ROOT))
                                            .toList()));
            String arn = variable.getValue() == null ? "" : variable.getValue().strip();
            if (!arn.startsWith("arn:")) {
                throw new IllegalArgumentException(variable.getKey() + " must be a secret ARN, not '" + arn + "'");
            }
            arns.put(role, arn);
        }
        return new MigrationSettings(
                url,
                administrator,
                Collections.unmodifiableMap(arns),
                optional(environment, "SECRETS_MANAGER_ENDPOINT"));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = optional(environment, name);
        if (value == null) {
            throw new IllegalArgumentException("Missing environment variable " + name);
        }
        return value;
    }

    private static @Nullable String optional(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
