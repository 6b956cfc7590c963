package dev.movieratings.local;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One function's environment: the variables all four share, read live (a knob a test changes reaches the
 * function on its next call), under the database login of that function's own role.
 */
final class OwnLogin extends AbstractMap<String, String> {

    private final Map<String, String> login;
    private final Map<String, String> shared;

    OwnLogin(Map<String, String> login, Map<String, String> shared) {
        this.login = Map.copyOf(login);
        this.shared = shared;
    }

    @Override
    public @Nullable String get(Object name) {
        return login.containsKey(name) ? login.get(name) : shared.get(name);
    }

    @Override
    public boolean containsKey(Object name) {
        return login.containsKey(name) || shared.containsKey(name);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        Map<String, String> now = new HashMap<>(shared);
        now.putAll(login);
        return now.entrySet();
    }
}
