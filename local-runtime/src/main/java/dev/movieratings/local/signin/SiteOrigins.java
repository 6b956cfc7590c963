package dev.movieratings.local.signin;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The origins the local site is served from. The issuer only sends codes back to them (redirect URIs),
 * answers their token requests across origins (CORS) and lets its sign-in form continue to them
 * (form-action), as Cognito does with an app client's callback URLs.
 */
final class SiteOrigins {

    private final Set<String> origins = new CopyOnWriteArraySet<>();

    /** Both loopback names: the README opens localhost, the tests 127.0.0.1. */
    void allow(int sitePort) {
        origins.add("http://localhost:" + sitePort);
        origins.add("http://127.0.0.1:" + sitePort);
    }

    List<String> all() {
        return List.copyOf(origins);
    }

    boolean isEmpty() {
        return origins.isEmpty();
    }
}
