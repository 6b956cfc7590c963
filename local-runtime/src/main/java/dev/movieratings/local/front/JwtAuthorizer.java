package dev.movieratings.local.front;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * API Gateway's JWT authorizer, played locally step by step as AWS documents it: the token (alone or
 * after "Bearer "), an RSA algorithm, a {@code kid} naming a key of the issuer's JWKS and a signature
 * that key verifies; {@code iss} equal to the issuer; {@code aud} — or, only when there is no
 * {@code aud}, {@code client_id} — one of the audiences; {@code exp} after now; {@code nbf} and
 * {@code iat}, when present, not after now. The claims reach the function as strings, as API Gateway
 * passes them in {@code requestContext.authorizer.jwt.claims}.
 */
public final class JwtAuthorizer {

    private static final int MAX_TOKEN_CHARS = 8_192;

    private final String issuer;
    private final Set<String> audiences;
    private final JWKSource<SecurityContext> keys;

    JwtAuthorizer(String issuer, Set<String> audiences, JWKSource<SecurityContext> keys) {
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.keys = keys;
    }

    /** An authorizer with Terraform's configuration: the issuer's URL and the app client id as audience. */
    public static JwtAuthorizer forIssuer(String issuer, String audience) {
        return new JwtAuthorizer(issuer, Set.of(audience), new IssuerKeys(issuer));
    }

    /** @return the claims API Gateway would pass on, or empty when it would answer 401 */
    public Optional<Map<String, String>> authorize(String identitySource, Instant now) {
        if (identitySource == null) {
            return Optional.empty();
        }
        String token = identitySource.strip();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).strip();
        }
        if (token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!signedByIssuer(jwt)) {
                return Optional.empty();
            }
            Map<String, Object> claims = jwt.getPayload().toJSONObject();
            Instant expires = epochSeconds(claims.get("exp"));
            if (!issuer.equals(claims.get("iss"))
                    || !audienceMatches(claims)
                    || expires == null
                    || !expires.isAfter(now)
                    || notYet(claims, "nbf", now)
                    || notYet(claims, "iat", now)) {
                return Optional.empty();
            }
            Map<String, String> strings = new LinkedHashMap<>();
            claims.forEach((name, value) -> strings.put(name, claimString(value)));
            return Optional.of(strings);
        } catch (ParseException | JOSEException | RuntimeException e) {
            // alg=none and malformed tokens fail to parse; an unreachable JWKS fails closed
            return Optional.empty();
        }
    }

    private boolean signedByIssuer(SignedJWT jwt) throws JOSEException {
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.Family.RSA.contains(header.getAlgorithm()) || header.getKeyID() == null) {
            return false;
        }
        JWKMatcher sameKey = new JWKMatcher.Builder()
                .keyID(header.getKeyID())
                .keyType(KeyType.RSA)
                .build();
        for (JWK key : keys.get(new JWKSelector(sameKey), null)) {
            if (jwt.verify(new RSASSAVerifier(key.toRSAKey()))) {
                return true;
            }
        }
        return false;
    }

    private boolean audienceMatches(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        if (aud != null) {
            List<?> values = aud instanceof List<?> list ? list : List.of(aud);
            return values.stream().anyMatch(audiences::contains);
        }
        return claims.get("client_id") instanceof String clientId && audiences.contains(clientId);
    }

    private static boolean notYet(Map<String, Object> claims, String name, Instant now) {
        if (!claims.containsKey(name)) {
            return false;
        }
        Instant at = epochSeconds(claims.get(name));
        return at == null || at.isAfter(now);
    }

    private static @Nullable Instant epochSeconds(@Nullable Object value) {
        return value instanceof Number number ? Instant.ofEpochSecond(number.longValue()) : null;
    }

    /** API Gateway's rendering: arrays as "[a b]", numbers and booleans as their JSON text. */
    @SuppressWarnings("unchecked")
    static String claimString(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(JwtAuthorizer::claimString).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return JSONObjectUtils.toJSONString((Map<String, ?>) map);
        }
        return String.valueOf(value);
    }
}
