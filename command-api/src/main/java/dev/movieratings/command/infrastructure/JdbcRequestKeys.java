package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.RequestKeys;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The persons' request keys in personal.request_keys (V108): made on first use, deleted by the erasure. */
final class JdbcRequestKeys implements RequestKeys {

    private static final int KEY_BYTES = 32;
    private static final String READ = "select key from personal.request_keys where user_id = ?";
    /** Two first requests at once: the second's insert meets the first's row and returns that key. */
    private static final String MAKE = """
            insert into personal.request_keys (user_id, key) values (?, ?)
            on conflict (user_id) do update set key = request_keys.key
            returning key""";

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    JdbcRequestKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public byte[] of(String userId) {
        Optional<byte[]> kept = jdbc.sql(READ).param(userId).query(byte[].class).optional();
        if (kept.isPresent()) {
            return kept.get();
        }
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        return jdbc.sql(MAKE).params(userId, fresh).query(byte[].class).single();
    }
}
