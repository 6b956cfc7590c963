package dev.movieratings.migrations;

import dev.movieratings.credentials.DatabaseSecret;
import java.util.EnumMap;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The migration command, {@code java -jar database-migrations.jar}, configured by the environment
 * ({@link MigrationSettings}): bootstraps the owner when given the administrator's secret, migrates as the
 * owner, then sets every role's password from its own Secrets Manager secret. Nothing secret is printed.
 */
public final class MigrateDatabase {

    private MigrateDatabase() {}

    public static void main(String[] args) {
        MigrationSettings settings;
        try {
            settings = MigrationSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(settings);
    }

    static MigrateResult run(MigrationSettings settings) {
        SecretsManagerClient secrets =
                settings.needsSecretsManager() ? DatabaseSecret.client(settings.secretsManagerEndpoint()) : null;
        DatabaseSecret.Credentials owner = settings.ownerSecretArn() == null
                ? settings.ownerCredentials()
                : new DatabaseSecret(secrets, settings.ownerSecretArn()).current();
        if (settings.adminSecretArn() != null) {
            DatabaseSecret.Credentials admin = new DatabaseSecret(secrets, settings.adminSecretArn()).current();
            DatabaseMigrations.bootstrap(dataSource(settings.url(), admin), owner.password());
            System.out.println("Bootstrapped movie_ratings_owner as " + admin.username());
        }
        if (!owner.username().equals(DatabaseRole.OWNER.roleName())) {
            System.out.println("Warning: migrating as " + owner.username() + ", not as " + DatabaseRole.OWNER.roleName()
                    + "; the objects it creates are owned by it");
        }
        MigrateResult result = DatabaseMigrations.migrate(dataSource(settings.url(), owner));
        System.out.printf(
                "Database at %s: %d migration(s) applied, schema now at version %s%n",
                settings.url(),
                result.migrationsExecuted,
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        Map<DatabaseRole, String> passwords = new EnumMap<>(DatabaseRole.class);
        settings.roleSecretArns().forEach((role, arn) -> {
            DatabaseSecret.Credentials credentials = new DatabaseSecret(secrets, arn).current();
            if (!credentials.username().equals(role.roleName())) {
                throw new IllegalStateException("the secret given for role " + role.key() + " names user "
                        + credentials.username() + ", not " + role.roleName());
            }
            passwords.put(role, credentials.password());
        });
        if (!passwords.isEmpty()) {
            DatabaseMigrations.setPasswords(dataSource(settings.url(), owner), passwords);
            System.out.println("Passwords set from their secrets for "
                    + passwords.keySet().stream().map(DatabaseRole::roleName).toList());
        }
        return result;
    }

    private static PGSimpleDataSource dataSource(String url, DatabaseSecret.Credentials credentials) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(credentials.username());
        dataSource.setPassword(credentials.password());
        return dataSource;
    }
}
