package dev.movieratings.local.front;

import java.util.Optional;
import java.util.function.Function;

/**
 * The sign-in the local site uses: the issuer and app client its config.js names (the browser signs in
 * there with code + PKCE, as with Cognito's hosted UI), the authorizer in front of the protected routes,
 * and the local-only dev tokens for scripts ({@code POST /api/dev/token}).
 */
public record SiteSignIn(
        String issuer, String clientId, JwtAuthorizer authorizer, Function<String, Optional<String>> devTokens) {

    /** With API Gateway's authorizer as Terraform configures it: this issuer, the app client as audience. */
    public static SiteSignIn of(String issuer, String clientId, Function<String, Optional<String>> devTokens) {
        return new SiteSignIn(issuer, clientId, JwtAuthorizer.forIssuer(issuer, clientId), devTokens);
    }

    /** The environment's settings for the frontend, in the shape the AWS deploy writes them. */
    String configJs() {
        return """
                // Written by the local runtime: sign-in goes through its local OpenID Connect issuer with the
                // authorization code flow and PKCE, the same path as Cognito's hosted UI on AWS.
                export default Object.freeze({
                  apiBaseUrl: '',
                  auth: { issuer: '%1$s', clientId: '%2$s', hostedUiBaseUrl: '%1$s' },
                });
                """.formatted(issuer, clientId);
    }

    /** The site's policy: scripts, styles and calls from its own origin, plus the token exchange with the issuer. */
    String contentSecurityPolicy() {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + issuer + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }
}
