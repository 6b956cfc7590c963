package dev.movieratings.http;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The signed-in user as the token's claims name them: the subject is the user id; the display name
 * comes from the first of the usual name claims that is present.
 */
public record Caller(String userId, String displayName) {

    public static final int MAX_USER_ID_LENGTH = 128;

    static Optional<Caller> fromClaims(Map<String, String> claims) {
        if (claims == null) {
            return Optional.empty();
        }
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank() || sub.length() > MAX_USER_ID_LENGTH) {
            return Optional.empty();
        }
        String name = firstPresent(claims, "preferred_username", "cognito:username", "name", "username");
        return Optional.of(new Caller(sub, name == null ? sub : name));
    }

    private static @Nullable String firstPresent(Map<String, String> claims, String... names) {
        for (String name : names) {
            String value = claims.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
