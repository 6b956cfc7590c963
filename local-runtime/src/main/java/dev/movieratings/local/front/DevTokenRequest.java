package dev.movieratings.local.front;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {"user":"alice"} from a dev token request. */
final class DevTokenRequest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DevTokenRequest() {}

    static @Nullable String userName(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode user = node == null ? null : node.get("user");
            return user != null && user.isString() ? user.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
