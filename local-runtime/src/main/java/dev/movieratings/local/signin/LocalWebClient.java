package dev.movieratings.local.signin;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The one app client, as Terraform's {@code aws_cognito_user_pool_client.web} declares it: public (no
 * secret), code flow only, PKCE required, scopes openid/email/profile, no consent screen, callback and
 * sign-out URL the site's own origin. Built on each look-up because the site's port is known only
 * once the front listens.
 */
final class LocalWebClient implements RegisteredClientRepository {

    private static final String ID =
            UUID.nameUUIDFromBytes(SignInIssuer.CLIENT_ID.getBytes()).toString();

    private final SiteOrigins origins;

    LocalWebClient(SiteOrigins origins) {
        this.origins = origins;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("the local issuer has exactly one client");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        return ID.equals(id) ? client() : null;
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return SignInIssuer.CLIENT_ID.equals(clientId) ? client() : null;
    }

    private @Nullable RegisteredClient client() {
        if (origins.isEmpty()) {
            return null;
        }
        return RegisteredClient.withId(ID)
                .clientId(SignInIssuer.CLIENT_ID)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> origins.all().forEach(origin -> uris.add(origin + "/")))
                .postLogoutRedirectUris(uris -> origins.all().forEach(origin -> uris.add(origin + "/")))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.EMAIL)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .authorizationCodeTimeToLive(Duration.ofMinutes(5))
                        .accessTokenTimeToLive(CognitoClaims.LIFETIME)
                        .build())
                .build();
    }
}
