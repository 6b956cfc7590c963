package dev.movieratings.local.front;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An issuer's signing keys as API Gateway finds them: the {@code jwks_uri} of the issuer's OpenID
 * Connect discovery document, read on first use; the key set cached for two hours (as API Gateway may
 * cache it) and fetched again when a token names a key id it does not hold.
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    private static final Duration CACHE = Duration.ofHours(2);

    private final String issuer;
    // generous: on a loaded laptop the issuer (in this JVM) may take seconds to answer its first request,
    // and a key set that cannot be read fails closed (every request 401)
    private final DefaultResourceRetriever http = new DefaultResourceRetriever(10_000, 10_000, 64 * 1024);
    private volatile @Nullable JWKSource<SecurityContext> keys;

    IssuerKeys(String issuer) {
        this.issuer = issuer;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return keys().get(selector, context);
    }

    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> known = keys;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            JWKSource<SecurityContext> built = keys;
            if (built == null) {
                built = JWKSourceBuilder.<SecurityContext>create(jwksUrl(), http)
                        .cache(CACHE.toMillis(), 15_000)
                        .retrying(true)
                        .build();
                keys = built;
            }
            return built;
        }
    }

    private URL jwksUrl() throws KeySourceException {
        try {
            String document = http.retrieveResource(URI.create(issuer + "/.well-known/openid-configuration")
                            .toURL())
                    .getContent();
            Map<String, Object> discovery = JSONObjectUtils.parse(document);
            // OpenID Connect Discovery: the document must name the issuer it was fetched for.
            if (!issuer.equals(discovery.get("issuer")) || !(discovery.get("jwks_uri") instanceof String jwks)) {
                throw new KeySourceException("the discovery document of " + issuer + " names another issuer");
            }
            return URI.create(jwks).toURL();
        } catch (IOException | ParseException | IllegalArgumentException e) {
            throw new KeySourceException("could not read the discovery document of " + issuer, e);
        }
    }
}
