package dev.movieratings.query.infrastructure;

import java.util.Base64;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The secret the list cursors are sealed with (see {@link Cursors}): at least 32 random bytes, given
 * base64-encoded as {@code CURSOR_SIGNING_KEY} or, on AWS, as the string of the Secrets Manager secret
 * named by {@code CURSOR_SIGNING_KEY_SECRET_ARN}. Every instance of the function must share it, or a
 * cursor made by one is refused by the next; so there is no generated fallback, and the function does
 * not start without one. Changing it invalidates every cursor handed out (clients start the list again).
 */
record CursorSigningKey(byte[] bytes) {

    static final int MIN_BYTES = 32;

    CursorSigningKey {
        if (bytes == null || bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the cursor signing key must be at least " + MIN_BYTES + " bytes");
        }
        bytes = bytes.clone();
    }

    /** From the settings; exactly one of the two must be set. */
    static CursorSigningKey configured(
            @Nullable String base64, @Nullable String secretArn, @Nullable SecretsManagerClient secrets) {
        boolean direct = base64 != null && !base64.isBlank();
        boolean fromSecret = secretArn != null && !secretArn.isBlank();
        if (direct == fromSecret) {
            throw new IllegalStateException("set exactly one of CURSOR_SIGNING_KEY (base64 of at least " + MIN_BYTES
                    + " random bytes) and CURSOR_SIGNING_KEY_SECRET_ARN (a Secrets Manager secret holding that)");
        }
        if (direct && base64 != null) {
            return fromBase64(base64, "CURSOR_SIGNING_KEY");
        }
        if (secrets == null) {
            throw new IllegalStateException("CURSOR_SIGNING_KEY_SECRET_ARN is set but no Secrets Manager client");
        }
        return fromBase64(secrets.getSecretValue(b -> b.secretId(secretArn)).secretString(), "secret " + secretArn);
    }

    static CursorSigningKey fromBase64(String encoded, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded == null ? "" : encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64");
        }
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(
                    source + " holds " + bytes.length + " bytes; at least " + MIN_BYTES + " random bytes are needed");
        }
        return new CursorSigningKey(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "CursorSigningKey[***]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CursorSigningKey key && java.security.MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
