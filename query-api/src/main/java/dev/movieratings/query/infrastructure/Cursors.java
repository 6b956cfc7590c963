package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opaque keyset cursors: the last row's sort key, encrypted and authenticated so a client can neither
 * read it (the reviews list keys on the reviewer's user id) nor change it. Deterministic authenticated
 * encryption in the SIV pattern: the tag is HMAC-SHA256 over the list's scope and the payload, and its
 * first 16 bytes are the IV of AES-CTR over the payload. The scope (list, sort, filter, caller) is
 * authenticated but never carried, so a cursor used on another list or filter fails like a tampered
 * one. Deterministic, so the same page always has the same cursor and list answers keep their ETag.
 * Knows nothing of SQL: the queries hand it string key-value pairs and validate what comes back.
 */
final class Cursors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte VERSION = 1;
    private static final int TAG_BYTES = 32;
    /** A real cursor is about 130 characters; anything far longer is refused before it is decoded. */
    static final int MAX_LENGTH = 512;

    private final SecretKeySpec macKey;
    private final SecretKeySpec encryptionKey;

    Cursors(CursorSigningKey key) {
        this.macKey = new SecretKeySpec(derive(key.bytes(), "cursor authentication"), "HmacSHA256");
        this.encryptionKey = new SecretKeySpec(derive(key.bytes(), "cursor encryption"), "AES");
    }

    /**
     * The scope a cursor is bound to: the list's name and every parameter that shapes it, in order, as a
     * JSON array (so no two different parameter lists can spell the same scope; null stays null).
     */
    static byte[] scope(@Nullable Object... parts) {
        return JSON.writeValueAsBytes(Arrays.asList(parts));
    }

    String encode(byte[] scope, Map<String, String> key) {
        byte[] payload = JSON.writeValueAsBytes(key);
        byte[] tag = tag(scope, payload);
        byte[] sealed = ByteBuffer.allocate(1 + TAG_BYTES + payload.length)
                .put(VERSION)
                .put(tag)
                .put(crypt(tag, payload))
                .array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The key-value pairs of a cursor this service made for this scope; anything else is InvalidCursor. */
    Map<String, String> decode(byte[] scope, String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursor();
        }
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
        if (sealed.length <= 1 + TAG_BYTES || sealed[0] != VERSION) {
            throw new InvalidCursor();
        }
        byte[] tag = Arrays.copyOfRange(sealed, 1, 1 + TAG_BYTES);
        byte[] payload = crypt(tag, Arrays.copyOfRange(sealed, 1 + TAG_BYTES, sealed.length));
        if (!MessageDigest.isEqual(tag, tag(scope, payload))) {
            throw new InvalidCursor();
        }
        return read(payload);
    }

    static String required(Map<String, String> key, String name) {
        String value = key.get(name);
        if (value == null) {
            throw new InvalidCursor();
        }
        return value;
    }

    /** Authenticated, so made by this service; still read defensively (a key rotation changes nothing here). */
    private static Map<String, String> read(byte[] payload) {
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new InvalidCursor();
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String name : node.propertyNames()) {
                JsonNode value = node.get(name);
                if (!value.isString()) {
                    throw new InvalidCursor();
                }
                key.put(name, value.asString());
            }
            return key;
        } catch (JacksonException e) {
            throw new InvalidCursor();
        }
    }

    private byte[] tag(byte[] scope, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            mac.update(ByteBuffer.allocate(4).putInt(scope.length).array());
            mac.update(scope);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private byte[] crypt(byte[] tag, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(Arrays.copyOf(tag, 16)));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is part of every JDK", e);
        }
    }

    /** One key per purpose from the configured one (HMAC as the key derivation function). */
    private static byte[] derive(byte[] key, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
