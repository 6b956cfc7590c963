package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.MovieQueries.InvalidCursor;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Opaque keyset cursors: the last row's sort key, and which list it belongs to, as base64url JSON. */
final class Cursors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LENGTH = 1_000;

    private Cursors() {}

    static String encode(String list, Map<String, String> key) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("list", list);
        all.putAll(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(all));
    }

    static Map<String, String> decode(String list, String cursor) {
        if (cursor.length() > MAX_LENGTH) {
            throw new InvalidCursor();
        }
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor));
            if (node == null
                    || !node.isObject()
                    || !list.equals(node.path("list").asString(""))) {
                throw new InvalidCursor();
            }
            Map<String, String> key = new LinkedHashMap<>();
            for (String name : node.propertyNames()) {
                JsonNode value = node.get(name);
                if (!value.isString()) {
                    throw new InvalidCursor();
                }
                key.put(name, value.asString());
            }
            return key;
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidCursor();
        }
    }

    static String required(Map<String, String> key, String name) {
        String value = key.get(name);
        if (value == null) {
            throw new InvalidCursor();
        }
        return value;
    }
}
