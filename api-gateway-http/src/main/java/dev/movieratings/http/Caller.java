package dev.movieratings.http;

import java.util.Map;
import java.util.Optional;

/**
 * The signed-in user as the token's claims name them: the subject is the user id. No name is taken
 * from the token: a person chooses the name shown with their reviews (PUT /api/me/profile).
 */
public record Caller(String userId) {

    public static final int MAX_USER_ID_LENGTH = 128;

    static Optional<Caller> fromClaims(Map<String, String> claims) {
        if (claims == null) {
            return Optional.empty();
        }
        String sub = claims.get("sub");
        if (sub == null || sub.isBlank() || sub.length() > MAX_USER_ID_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new Caller(sub));
    }
}
