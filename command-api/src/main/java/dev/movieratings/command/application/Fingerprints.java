package dev.movieratings.command.application;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The fingerprint kept with a command that carries an Idempotency-Key, so that the key reused for another request
 * is caught. The request's digest covers review text and diary notes, so the stored fingerprint is an HMAC of it
 * under the person's own request key: it cannot confirm a guessed text, and once erasure destroys the key
 * (DELETE /api/me) nothing links it to the person's words any more. A command without a key keeps none.
 */
public final class Fingerprints {

    private static final String HMAC = "HmacSHA256";

    private final RequestKeys keys;

    public Fingerprints(RequestKeys keys) {
        this.keys = keys;
    }

    /**
     * The request's fingerprint (none without an Idempotency-Key), made on first use: the person's key is made with
     * their first fingerprint, and a request refused before it is written (unknown film, nothing to retract, over the
     * quota) must leave no trace, not even that key. A replay needs it only when a request with the key was
     * recorded, and then the key exists.
     */
    Supplier<@Nullable String> onFirstUse(String userId, @Nullable String idempotencyKey, String digest) {
        if (idempotencyKey == null) {
            return () -> null;
        }
        String[] made = new String[1];
        return () -> {
            if (made[0] == null) {
                made[0] = keyed(keys.of(userId), digest);
            }
            return made[0];
        };
    }

    /** An HMAC-SHA-256 of the digest's hex text: V108 turned the digests stored before it into the same value. */
    static String keyed(byte[] key, String digest) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return HexFormat.of().formatHex(mac.doFinal(digest.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is always available", e);
        }
    }

    /** What a command asked for: each part's length, then the part, so no two requests run together. */
    static String digest(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object part : parts) {
                byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
