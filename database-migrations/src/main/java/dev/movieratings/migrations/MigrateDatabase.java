package dev.movieratings.migrations;

import dev.movieratings.credentials.DatabaseSecret;
import java.util.EnumMap;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The migration command, {@code java -jar database-migrations.jar}, configured by the environment
 * ({@link MigrationSettings}): with the owner's secret it bootstraps the owner as the administrator,
 * migrates as the owner and sets every other role's password from that role's own Secrets Manager
 * secret; without it, it migrates as the administrator (the state before the roles existed). Nothing
 * secret is printed.
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
        Map<DatabaseRole, DatabaseSecret.Credentials> roles = new EnumMap<>(DatabaseRole.class);
        if (!settings.roleSecretArns().isEmpty()) {
            SecretsManagerClient secrets = DatabaseSecret.client(settings.secretsManagerEndpoint());
            settings.roleSecretArns().forEach((role, arn) -> {
                DatabaseSecret.Credentials credentials = new DatabaseSecret(secrets, arn).current();
                if (!credentials.username().equals(role.roleName())) {
                    throw new IllegalStateException("the secret of role " + role.key() + " names user "
                            + credentials.username() + ", not " + role.roleName());
                }
                roles.put(role, credentials);
            });
        }
        DatabaseSecret.Credentials migrator = settings.administrator();
        DatabaseSecret.Credentials owner = roles.remove(DatabaseRole.OWNER);
        if (owner != null) {
            DatabaseMigrations.bootstrap(dataSource(settings.url(), migrator), owner.password());
            System.out.println("Bootstrapped " + owner.username() + " as " + migrator.username());
            migrator = owner;
        } else {
            System.out.println("No owner secret (DATABASE_ROLE_SECRETS_OWNER): migrating as " + migrator.username());
        }
        MigrateResult result = DatabaseMigrations.migrate(dataSource(settings.url(), migrator));
        System.out.printf(
                "Database at %s: %d migration(s) applied as %s, schema now at version %s%n",
                settings.url(),
                result.migrationsExecuted,
                migrator.username(),
                result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion);
        if (!roles.isEmpty()) {
            Map<DatabaseRole, String> passwords = new EnumMap<>(DatabaseRole.class);
            roles.forEach((role, credentials) -> passwords.put(role, credentials.password()));
            DatabaseMigrations.setPasswords(dataSource(settings.url(), migrator), passwords);
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
