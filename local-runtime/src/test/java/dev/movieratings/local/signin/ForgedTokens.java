package dev.movieratings.local.signin;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Tokens for the authorizer's tests, signed with the local issuer's own key (read from where the
 * runtime keeps it) or with keys an attacker could have: each breaks exactly one rule of API Gateway's
 * JWT authorizer, starting from the claims a valid access token carries.
 */
public final class ForgedTokens {

    private final RSAKey issuerKey;
    private final String issuer;

    public ForgedTokens(Path keyFile, String issuer) {
        this.issuerKey = IssuerKey.loadOrCreate(keyFile);
        this.issuer = issuer;
    }

    /** The claims of a valid access token of {@code local-<user>}, to be broken by the caller. */
    public JWTClaimsSet.Builder accessToken(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("local-" + user)
                .claim("client_id", SignInIssuer.CLIENT_ID)
                .claim("token_use", "access")
                .claim("username", user)
                .issueTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(600)));
    }

    /** Signed RS256 with the issuer's key and its key id: valid unless the claims break a rule. */
    public String signed(JWTClaimsSet.Builder claims) {
        return rs256(issuerKey, issuerKey.getKeyID(), claims);
    }

    /** Signed with another RSA key that claims the issuer's key id. */
    public String signedWithAnotherKey(JWTClaimsSet.Builder claims) {
        return rs256(newKey(), issuerKey.getKeyID(), claims);
    }

    /** Signed by the issuer's key under a key id the JWKS does not have (or none). */
    public String signedUnderKeyId(String keyId, JWTClaimsSet.Builder claims) {
        return rs256(issuerKey, keyId, claims);
    }

    /** HS256 with the issuer's public key as the HMAC secret: the algorithm-confusion attack. */
    public String hs256WithThePublicKey(JWTClaimsSet.Builder claims) {
        return hs256(issuerKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8), claims);
    }

    public static String hs256(byte[] secret, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code "alg":"none"}), with an empty signature part. */
    public static String unsigned(JWTClaimsSet.Builder claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.build().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String rs256(RSAKey key, String keyId, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
