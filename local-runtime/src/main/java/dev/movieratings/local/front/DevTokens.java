package dev.movieratings.local.front;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for Cognito and API Gateway's JWT authorizer: issues HS256 tokens for a chosen
 * user name, and validates them as the authorizer would (signature, algorithm, issuer, audience,
 * expiry), handing the function the claims as strings.
 */
public final class DevTokens {

    public static final String ISSUER = "movie-ratings-local";
    public static final String AUDIENCE = "movie-ratings";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] key;

    public DevTokens(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the signing key must be at least 256 bits");
        }
        this.key = key.clone();
    }

    /** @return the token, or empty when the user name is not acceptable */
    public Optional<String> issue(String userName, Instant now) {
        if (userName == null || !userName.matches("[A-Za-z0-9._-]{1,40}")) {
            return Optional.empty();
        }
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject("local-" + userName)
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .claim("preferred_username", userName)
                    .claim("token_use", "access")
                    .issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(key));
            return Optional.of(jwt.serialize());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    /** The claims API Gateway would pass on, or empty for a missing, forged, expired or alg=none token. */
    public Optional<Map<String, String>> verify(String authorization, Instant now) {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() > 8_192) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(authorization.substring(7).strip());
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expires = claims.getExpirationTime();
            if (expires == null
                    || !expires.toInstant().isAfter(now)
                    || !ISSUER.equals(claims.getIssuer())
                    || claims.getAudience() == null
                    || !claims.getAudience().contains(AUDIENCE)
                    || claims.getSubject() == null) {
                return Optional.empty();
            }
            Map<String, String> strings = new LinkedHashMap<>();
            claims.getClaims().forEach((name, value) -> strings.put(name, claimString(value)));
            return Optional.of(strings);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String claimString(Object value) {
        if (value instanceof Date date) {
            return Long.toString(date.toInstant().getEpochSecond());
        }
        if (value instanceof List<?> list) {
            return String.join(" ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
