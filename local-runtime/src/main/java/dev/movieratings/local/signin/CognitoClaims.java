package dev.movieratings.local.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Gives the local tokens the shape of Cognito user pool tokens, so the front's authorizer and the
 * functions see what they will see on AWS: the access token names its app client in {@code client_id}
 * and has no {@code aud}; the ID token has {@code aud} = the client; both say which they are in
 * {@code token_use}. Both live an hour, as the Terraform app client sets.
 */
final class CognitoClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final String clientId;

    CognitoClaims(String clientId) {
        this.clientId = clientId;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        String name = context.getPrincipal().getName();
        JwtClaimsSet.Builder claims = context.getClaims();
        Instant issued = Instant.now();
        claims.subject(LocalUsers.subject(name).orElseThrow())
                .issuedAt(issued)
                .expiresAt(issued.plus(LIFETIME))
                .claims(all -> all.remove("nbf"));
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            access(claims, name, context.getAuthorizedScopes());
            claims.claim("auth_time", issued.getEpochSecond());
        } else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            claims.claim("token_use", "id").claim("cognito:username", name);
        }
    }

    /** The claims of an access token, as Cognito writes them; also used for the dev tokens. */
    void access(JwtClaimsSet.Builder claims, String name, Collection<String> scopes) {
        claims.claims(all -> all.remove("aud"))
                .claim("client_id", clientId)
                .claim("token_use", "access")
                .claim("scope", String.join(" ", scopes))
                .claim("username", name)
                .claim("version", 2)
                .id(UUID.randomUUID().toString());
    }
}
