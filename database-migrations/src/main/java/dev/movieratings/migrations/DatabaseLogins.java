package dev.movieratings.migrations;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every role's login to a database this process administers itself (the local runtime, the tests):
 * random passwords, set through the same three steps the migration command takes on AWS, so each
 * function can connect as its own role and every test proves the grants.
 */
public final class DatabaseLogins {

    private final String jdbcUrl;
    private final Map<DatabaseRole, String> passwords;

    private DatabaseLogins(String jdbcUrl, Map<DatabaseRole, String> passwords) {
        this.jdbcUrl = jdbcUrl;
        this.passwords = passwords;
    }

    /** Fresh random passwords for a throw-away database. */
    public static DatabaseLogins random(String jdbcUrl) {
        Map<DatabaseRole, String> passwords = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            passwords.put(role, randomPassword());
        }
        return new DatabaseLogins(jdbcUrl, passwords);
    }

    /** The passwords kept in {@code file} (readable by this user only), created at random on first use. */
    public static DatabaseLogins kept(Path file, String jdbcUrl) {
        try {
            Properties kept = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    kept.load(reader);
                }
            }
            Map<DatabaseRole, String> passwords = new EnumMap<>(DatabaseRole.class);
            boolean added = false;
            for (DatabaseRole role : DatabaseRole.values()) {
                String password = kept.getProperty(role.roleName());
                if (password == null) {
                    password = randomPassword();
                    kept.setProperty(role.roleName(), password);
                    added = true;
                }
                passwords.put(role, password);
            }
            if (added) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (Writer writer = Files.newBufferedWriter(file)) {
                    kept.store(writer, "Local database roles' passwords; set on every start (rm to start over)");
                }
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
            return new DatabaseLogins(jdbcUrl, passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the database passwords in " + file, e);
        }
    }

    /** Bootstrap as the administrator, migrate as the owner, then let every role log in. */
    public MigrateResult migrate(DataSource administrator) {
        DatabaseMigrations.bootstrap(administrator, password(DatabaseRole.OWNER));
        MigrateResult result = DatabaseMigrations.migrate(dataSource(DatabaseRole.OWNER));
        Map<DatabaseRole, String> others = new EnumMap<>(passwords);
        others.remove(DatabaseRole.OWNER);
        DatabaseMigrations.setPasswords(dataSource(DatabaseRole.OWNER), others);
        return result;
    }

    public DataSource dataSource(DatabaseRole role) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(role.roleName());
        dataSource.setPassword(password(role));
        return dataSource;
    }

    /** Spring Boot's datasource settings, as environment variables, for a function that connects as {@code role}. */
    public Map<String, String> springDataSource(DatabaseRole role) {
        return Map.of(
                "SPRING_DATASOURCE_URL", jdbcUrl,
                "SPRING_DATASOURCE_USERNAME", role.roleName(),
                "SPRING_DATASOURCE_PASSWORD", password(role));
    }

    /** A function's other environment variables with the login of {@code role} added. */
    public Map<String, String> springDataSource(DatabaseRole role, Map<String, String> environment) {
        Map<String, String> own = new HashMap<>(environment);
        own.putAll(springDataSource(role));
        return own;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String password(DatabaseRole role) {
        return Objects.requireNonNull(passwords.get(role), role.roleName());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
