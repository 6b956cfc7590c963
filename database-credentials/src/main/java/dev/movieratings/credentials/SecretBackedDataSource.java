package dev.movieratings.credentials;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Opens physical connections with the credentials of a {@link DatabaseSecret}; if the database refuses
 * them (SQLSTATE 28000/28P01: rotated password), fetches the secret again and retries once. The pool
 * (Hikari) sits on top and asks for a physical connection only when it needs one.
 */
public final class SecretBackedDataSource implements DataSource {

    /** How a physical connection is opened; DriverManager unless a test says otherwise. */
    @FunctionalInterface
    public interface Connector {
        Connection connect(String url, String username, String password) throws SQLException;
    }

    private final String url;
    private final DatabaseSecret secret;
    private final Connector connector;

    public SecretBackedDataSource(String url, DatabaseSecret secret) {
        this(url, secret, DriverManager::getConnection);
    }

    public SecretBackedDataSource(String url, DatabaseSecret secret, Connector connector) {
        this.url = url;
        this.secret = secret;
        this.connector = connector;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseSecret.Credentials credentials = secret.current();
        try {
            return connector.connect(url, credentials.username(), credentials.password());
        } catch (SQLException e) {
            if (!isAuthenticationFailure(e)) {
                throw e;
            }
            DatabaseSecret.Credentials fresh = secret.refresh();
            return connector.connect(url, fresh.username(), fresh.password());
        }
    }

    static boolean isAuthenticationFailure(SQLException e) {
        return "28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the secret");
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
