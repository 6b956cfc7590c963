package dev.movieratings.local;

import dev.movieratings.local.HostileRequestsFuzzIntegrationTest.Attack;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates requests for every route from a seeded {@link Random}: random and boundary values for each
 * query parameter, path segment, header and JSON field (huge exponents, overflowing integers, NUL,
 * lone surrogates, bidi controls, 16 KB strings). Every write carries at least one defect picked at
 * random (so none may change anything) and any number of other random values; reads may be valid.
 */
final class HostileRequestGenerator {

    static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "1",
            "-1",
            "4",
            "4.5",
            "5",
            "5.5",
            "100",
            "1e9",
            "1e99",
            "1e100",
            "1e99999",
            "1e99999999",
            "1e999999999",
            "-1e999999999",
            "1E+2147483648",
            "0.5e-999999999",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999",
            "1.7976931348623157e309",
            "4.5000000000000000000000000000001",
            "4.50",
            "45e-1");
    /** Numbers that are never a half star: a write given one of them as stars must be refused. */
    static final List<String> BAD_STARS = List.of(
            "0",
            "-0",
            "-1",
            "5.5",
            "100",
            "3.3",
            "4.25",
            "1e9",
            "1e99",
            "1e100",
            "1e99999",
            "1e999999999",
            "-1e999999999",
            "1E+2147483648",
            "0.5e-999999999",
            "2147483648",
            "9223372036854775808",
            "99999999999999999999",
            "1.7976931348623157e309",
            "4.5000000000000000000000000000001",
            "NaN",
            "Infinity",
            "0x10",
            "\"4\"",
            "true",
            "null",
            "[4]",
            "{}",
            "+4",
            ".5",
            "4.",
            "1e",
            "--1");
    /** Query and path values given as they go on the wire (already percent-encoded where needed). */
    static final List<String> RAW = List.of(
            "",
            "%00",
            "a%00b",
            "%ED%A0%80",
            "%C0%AF",
            "%FF%FE",
            "%E2%80%AE",
            "%E2%80%8B",
            "%F3%A0%80%81",
            "%25",
            "..%2F..%2F",
            "%20",
            "+",
            "1%2C2",
            "%0D%0ASet-Cookie:x=1",
            "%3Cscript%3E",
            "'%20or%201=1--");

    static final List<String> IDS = List.of(
            "1",
            "2",
            "3",
            "0",
            "-1",
            "abc",
            "1.5",
            "1e3",
            "99999999",
            "2147483648",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999",
            "00001",
            "0x1",
            "+1",
            "%00",
            "%ED%A0%80",
            "%20");
    /** Ids a write may carry without making it valid: none names a movie the fuzzer can change. */
    static final List<String> BAD_IDS = List.of(
            "0",
            "-1",
            "abc",
            "1.5",
            "1e3",
            "99999999",
            "2147483648",
            "9223372036854775808",
            "99999999999999999999",
            "0x1",
            "+1",
            "%00",
            "%ED%A0%80",
            "1%00");

    static final List<String> SORTS = List.of("top", "popular", "recent", "title", "relevance", "TOP", "best", "");
    static final List<String> CONTENT_TYPES =
            List.of("application/json", "application/json; charset=utf-8", "application/problem+json");
    static final List<String> BAD_CONTENT_TYPES =
            List.of("text/plain", "application/xml", "multipart/form-data; boundary=x", "text/json", "");

    private final Random random;
    private final String token;

    HostileRequestGenerator(Random random, String token) {
        this.random = random;
        this.token = token;
    }

    List<Attack> generate(int count) {
        List<Attack> attacks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            attacks.add(
                    kind < 26
                            ? movies()
                            : kind < 34
                                    ? movie()
                                    : kind < 40
                                            ? discovery()
                                            : kind < 50
                                                    ? reviews()
                                                    : kind < 60 ? myRatings() : kind < 90 ? put() : delete());
        }
        // issue 20: the watchlist's and the profile summary's routes, one more for every ten above
        for (int i = 0; i < count / 10; i++) {
            attacks.add(random.nextBoolean() ? watchlistRead() : watchlistWrite());
        }
        // issue 20: helpful reviews' routes, one more for every ten above
        for (int i = 0; i < count / 10; i++) {
            attacks.add(random.nextBoolean() ? helpfulRead() : helpfulWrite());
        }
        // issue 19: the tags' routes, one more for every ten above
        for (int i = 0; i < count / 10; i++) {
            attacks.add(random.nextBoolean() ? tagRead() : tagWrite());
        }
        return attacks;
    }

    private Attack movies() {
        StringBuilder query = new StringBuilder();
        for (String name : List.of("q", "genre", "year", "sort", "limit", "cursor", "unknown")) {
            if (random.nextInt(3) == 0) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value(name));
            }
        }
        return get("movies " + query, "/api/movies" + (query.isEmpty() ? "" : "?" + query), readHeaders());
    }

    private Attack movie() {
        return get("movie", "/api/movies/" + pick(random.nextBoolean() ? IDS : RAW), readHeaders());
    }

    /** A movie as of a day, its score history, or its similar movies (issue 19). */
    private Attack discovery() {
        String id = pick(IDS);
        return switch (random.nextInt(3)) {
            case 0 -> get("movie as of", "/api/movies/" + id + "?asOf=" + value("asOf"), readHeaders());
            case 1 -> get("history", "/api/movies/" + id + "/history?interval=" + value("interval"), readHeaders());
            default -> get("similar", "/api/movies/" + id + "/similar?limit=" + value("limit"), readHeaders());
        };
    }

    private Attack reviews() {
        String query = "limit=" + value("limit") + (random.nextBoolean() ? "&cursor=" + value("cursor") : "");
        return get("reviews", "/api/movies/" + pick(IDS) + "/reviews?" + query, readHeaders());
    }

    private Attack myRatings() {
        Map<String, String> headers = readHeaders();
        headers.put("Authorization", authorization(random.nextInt(3) > 0));
        String query = "movie=" + pick(random.nextBoolean() ? IDS : RAW) + "&limit=" + value("limit")
                + (random.nextBoolean() ? "&cursor=" + value("cursor") : "");
        return get("my ratings", "/api/me/ratings?" + query, headers);
    }

    /** The watchlist (one film's status or a page of it), sorted "My ratings", or the profile summary. */
    private Attack watchlistRead() {
        Map<String, String> headers = readHeaders();
        headers.put("Authorization", authorization(random.nextInt(3) > 0));
        String cursor = random.nextBoolean() ? "&cursor=" + value("cursor") : "";
        return switch (random.nextInt(4)) {
            case 0 ->
                get("watchlist status", "/api/me/watchlist?movie=" + pick(random.nextBoolean() ? IDS : RAW), headers);
            case 1 ->
                get(
                        "watchlist",
                        "/api/me/watchlist?sort=" + pick(List.of("added", "title", "ADDED", "date", "", "%00"))
                                + "&limit=" + value("limit") + cursor,
                        headers);
            case 2 ->
                get(
                        "my ratings sorted",
                        "/api/me/ratings?sort=" + pick(List.of("date", "stars", "title", "STARS", "rating", "%00"))
                                + "&limit=" + value("limit") + cursor,
                        headers);
            default -> get("profile summary", "/api/me/profile/summary?" + pick(RAW), headers);
        };
    }

    /** A watchlist write with a defect for sure: no such film, or no valid token. */
    private Attack watchlistWrite() {
        boolean badId = random.nextBoolean();
        String id = badId ? pick(BAD_IDS) : pick(List.of("1", "2", "3", "4"));
        Map<String, String> headers = writeHeaders(random.nextInt(4) == 0, !badId, false);
        String method = random.nextBoolean() ? "PUT" : "DELETE";
        byte[] body = random.nextInt(3) == 0 ? utf8(pick(List.of("{}", "{\"movieId\":1}", "null", text()))) : null;
        return new Attack(
                "watchlist " + method + (badId ? " bad id" : " bad token"),
                method,
                "/api/me/watchlist/" + id,
                headers,
                body);
    }

    /** A film's reviews in an order (good or not), or the caller's votes on a film. */
    private Attack helpfulRead() {
        if (random.nextBoolean()) {
            String query = "sort=" + pick(List.of("newest", "helpful", "HELPFUL", "best", "", "%00")) + "&limit="
                    + value("limit") + (random.nextBoolean() ? "&cursor=" + value("cursor") : "");
            return get("reviews sorted", "/api/movies/" + pick(IDS) + "/reviews?" + query, readHeaders());
        }
        Map<String, String> headers = readHeaders();
        headers.put("Authorization", authorization(random.nextInt(3) > 0));
        return get("my helpful votes", "/api/me/helpful?movie=" + pick(random.nextBoolean() ? IDS : RAW), headers);
    }

    /** A vote with a defect for sure: no such review (or a malformed id), or no valid token. */
    private Attack helpfulWrite() {
        boolean badReview = random.nextBoolean();
        String review = badReview
                ? pick(List.of(reviewId(), "x", "1", "%00", "00000000-0000-0000-0000-00000000000g"))
                : reviewId();
        Map<String, String> headers = writeHeaders(random.nextInt(4) == 0, !badReview, false);
        String method = random.nextBoolean() ? "PUT" : "DELETE";
        String movie = random.nextBoolean() ? pick(List.of("1", "2", "3", "4")) : pick(BAD_IDS);
        return new Attack(
                "helpful " + method + (badReview ? " bad review" : " bad token"),
                method,
                "/api/movies/" + movie + "/reviews/" + review + "/helpful",
                headers,
                null);
    }

    /** A well-formed review id no review has (from the seed, so a run can be repeated). */
    private String reviewId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The caller's tags on a film, or the movie list filtered by a tag (odd Unicode, 16 KB, empty). */
    private Attack tagRead() {
        if (random.nextBoolean()) {
            Map<String, String> headers = readHeaders();
            headers.put("Authorization", authorization(random.nextInt(3) > 0));
            return get("my tags", "/api/me/tags?movie=" + pick(random.nextBoolean() ? IDS : RAW), headers);
        }
        String tag = random.nextBoolean() ? encode(text()) : pick(RAW);
        String other = random.nextBoolean() ? "&genre=" + value("genre") + "&sort=" + value("sort") : "";
        return get("movies by tag", "/api/movies?tag=" + tag + other, readHeaders());
    }

    /**
     * A tag write with a defect for sure: no such film, no valid token, or a tag no one may write (over 100
     * characters or 16 KB, blank, a control, a bidi or invisible character, a lone surrogate, not a string).
     */
    private Attack tagWrite() {
        int defect = random.nextInt(3);
        String id = defect == 0 ? pick(BAD_IDS) : pick(List.of("1", "2", "3", "4"));
        Map<String, String> headers = writeHeaders(false, defect == 1, false);
        String tag = defect == 2
                ? pick(List.of(refusedText(), "x".repeat(101), "x".repeat(16 * 1024), "", " \t ", "line\nbreak"))
                : text();
        if (random.nextBoolean()) {
            String path = "/api/me/tags/" + id + "?tag=" + encode(tag);
            return new Attack("tag DELETE defect " + defect, "DELETE", path, headers, null);
        }
        String body = defect == 2 && random.nextInt(4) == 0
                ? pick(List.of("{\"tag\":5}", "{\"tag\":null}", "{}", "[]", "{\"tag\":\"a\",\"x\":1}"))
                : "{\"tag\":" + jsonString(tag) + "}";
        return new Attack("tag POST defect " + defect, "POST", "/api/me/tags/" + id, headers, utf8(body));
    }

    /** A write with one defect for sure and random values elsewhere. */
    private Attack put() {
        int defect = random.nextInt(8);
        String id = defect == 0 ? pick(BAD_IDS) : pick(random.nextBoolean() ? List.of("1", "2") : BAD_IDS);
        String stars = defect == 1 ? pick(BAD_STARS) : pick(random.nextBoolean() ? NUMBERS : BAD_STARS);
        StringBuilder body = new StringBuilder("{\"stars\":").append(stars);
        if (defect == 2 || random.nextInt(3) == 0) {
            String text = defect == 2 ? refusedText() : text();
            body.append(",\"review\":{\"text\":")
                    .append(jsonString(text))
                    .append(",\"spoiler\":")
                    .append(pick(List.of("true", "false", "null", "1", "\"yes\"", "1e999999999")))
                    .append('}');
        }
        if (defect == 3 || random.nextInt(5) == 0) {
            body.append(',').append(jsonString(text())).append(':').append(pick(NUMBERS));
        }
        body.append('}');
        String json = defect == 4 ? body.substring(0, random.nextInt(body.length())) : body.toString();
        Map<String, String> headers = writeHeaders(defect == 5, defect == 6, defect == 7);
        return new Attack("put defect " + defect, "PUT", "/api/movies/" + id + "/rating", headers, utf8(json));
    }

    private Attack delete() {
        int defect = random.nextInt(4);
        String id = defect == 0 ? pick(BAD_IDS) : defect == 1 ? "3" : pick(List.of("1", "2", "3"));
        Map<String, String> headers = writeHeaders(false, defect == 2, defect == 3);
        if (defect == 1 || defect == 0) {
            headers.remove("Idempotency-Key");
        }
        return new Attack("delete defect " + defect, "DELETE", "/api/movies/" + id + "/rating", headers, null);
    }

    private Map<String, String> writeHeaders(boolean badType, boolean badToken, boolean badKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        String type = badType ? pick(BAD_CONTENT_TYPES) : pick(CONTENT_TYPES);
        if (!type.isEmpty()) {
            headers.put("Content-Type", type);
        }
        headers.put("Authorization", authorization(!badToken));
        if (badKey) {
            headers.put("Idempotency-Key", pick(List.of("has spaces", "x".repeat(256), "ünïcode", "\t", "a b")));
        } else if (random.nextBoolean()) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        if (random.nextInt(4) == 0) {
            headers.putAll(randomHeaders());
        }
        return headers;
    }

    private Map<String, String> readHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(3) == 0) {
            headers.putAll(randomHeaders());
        }
        return headers;
    }

    /** Headers the API reads (conditional requests, keys, types) and some it does not, with odd values. */
    private Map<String, String> randomHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        String value = pick(List.of(
                "*",
                "\"x\"",
                ",,,,",
                "W/\"x\"",
                "\"" + "a".repeat(8_000) + "\"",
                "ünïcödé",
                "1e999999999",
                "",
                ", ".repeat(2_000),
                "\u202Eevil"));
        headers.put(
                pick(List.of("If-None-Match", "Accept", "X-Forwarded-For", "X-Request-Id", "Cookie", "X-Fuzz")), value);
        return headers;
    }

    private String authorization(boolean valid) {
        if (valid) {
            return "Bearer " + token;
        }
        return pick(List.of(
                "Bearer ",
                "Bearer x",
                "Basic YWxpY2U6c2VjcmV0",
                "Bearer " + token.substring(0, token.length() - 2),
                "Bearer " + "a".repeat(8_000),
                "Bearer " + token + "x",
                "bearer",
                "Bearer ünï"));
    }

    /** A parameter's value, on the wire: a real one, a boundary, a raw nasty or random text. */
    private String value(String name) {
        return switch (random.nextInt(4)) {
            case 0 ->
                switch (name) {
                    case "sort" -> pick(SORTS);
                    case "year" -> pick(List.of("1995", "1990-1999", "-1999", "1990-", "19999", "1e3", "-"));
                    case "limit" -> pick(NUMBERS);
                    case "genre" -> pick(List.of("Crime", "Drama", "Comédie", "g".repeat(51)));
                    case "q" -> pick(List.of("heat", "h", "jum", "the", "x".repeat(201)));
                    case "interval" -> pick(List.of("day", "month", "week", "DAY", "year", "day%00", ""));
                    case "asOf" ->
                        pick(List.of(
                                "2005-12-31",
                                "2005-02-30",
                                "1899-12-31",
                                "9999-12-31",
                                "2005-1-1",
                                "20051231",
                                "2005-12-31T00:00:00Z",
                                "-2005-12-31",
                                "0000-01-01"));
                    default -> pick(NUMBERS);
                };
            case 1 -> pick(NUMBERS);
            case 2 -> pick(RAW);
            default -> encode(text());
        };
    }

    /** Percent-encoded, cut so a request line stays within 16 KB (past that API Gateway answers itself). */
    private static String encode(String text) {
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
        if (encoded.length() <= 16_000) {
            return encoded;
        }
        int cut = 16_000;
        while (encoded.charAt(cut - 1) == '%' || encoded.charAt(cut - 2) == '%') {
            cut--;
        }
        return encoded.substring(0, cut);
    }

    /** Random text: often short, sometimes 200, 1,000 or 16,384 characters, from nasty and plain alphabets. */
    String text() {
        int length = switch (random.nextInt(10)) {
            case 0 -> 16_384;
            case 1 -> 1_000 + random.nextInt(5);
            case 2 -> 200 + random.nextInt(3);
            default -> random.nextInt(12);
        };
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(
                    switch (random.nextInt(12)) {
                        case 0 -> (char) random.nextInt(0x20);
                        case 1 -> (char) (0xD800 + random.nextInt(0x800));
                        case 2 -> pick(List.of("\u202E", "\u2066", "\u200B", "\u200D", "\uFEFF", "\u2028", "\u00AD"));
                        case 3 -> new String(Character.toChars(0xE0000 + random.nextInt(0x80)));
                        case 4 -> (char) random.nextInt(0xD800);
                        case 5 -> new String(Character.toChars(0x10000 + random.nextInt(0x20000)));
                        default -> (char) (0x20 + random.nextInt(0x5f));
                    });
        }
        return text.toString();
    }

    private String refusedText() {
        return pick(List.of(
                "x".repeat(5_001), "a\u202Eb", "zero\u200Bwidth", "tag\uDB40\uDC41", "nul\u0000", "lone\uD800"));
    }

    /** JSON string with controls and surrogates escaped as \\uXXXX, so lone surrogates travel as escapes. */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Cut to 16 KB: API Gateway refuses longer request lines at its edge, before any function. */
    private static Attack get(String name, String path, Map<String, String> headers) {
        int cut = Math.min(path.length(), 16_384);
        while (cut > 2 && (path.charAt(cut - 1) == '%' || path.charAt(cut - 2) == '%')) {
            cut--;
        }
        return new Attack(name, "GET", path.substring(0, cut), headers, null);
    }
}
