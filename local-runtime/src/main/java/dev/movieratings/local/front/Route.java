package dev.movieratings.local.front;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One API Gateway route: method, path template with {params}, which function answers it, and whether
 * the JWT authorizer guards it. Mirrors the routes Terraform declares.
 */
record Route(String method, String template, String function, boolean authorized) {

    String routeKey() {
        return method + " " + template;
    }

    /** The path parameters if the request matches this route. */
    Optional<Map<String, String>> match(String requestMethod, String path) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            if (expected[i].startsWith("{") && expected[i].endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected[i].substring(1, expected[i].length() - 1), actual[i]);
            } else if (!expected[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
