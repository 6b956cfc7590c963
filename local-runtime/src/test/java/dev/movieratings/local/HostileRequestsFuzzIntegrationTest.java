package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.local.signin.ForgedTokens;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile or malformed requests over real HTTP through the local front (the authorizer's checks) into
 * the command and query functions (through FunctionInvoker): hundreds written by hand, each answered
 * with a 4xx problem+json; thousands generated from a seed across every route and parameter, none
 * answered with a 5xx, every error a problem+json of at most 2 KB; every cursor changed character by
 * character or used on another list answered 400; and no row anywhere changes.
 */
class HostileRequestsFuzzIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-fuzz").toAbsolutePath();
    static final int GENERATED = 5_000;
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;
    private static String token;
    private static String otherToken;
    private static ForgedTokens forge;

    /** {@code mustBe} 0: any 4xx problem (or, for generated reads, a 2xx/304); otherwise that status. */
    record Attack(String name, String method, String path, Map<String, String> headers, byte[] body, int mustBe) {
        Attack(String name, String method, String path, Map<String, String> headers, byte[] body) {
            this(name, method, path, headers, body, 0);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 500));
        client = new LocalRuntimeClient(runtime);
        client.jdbc()
                .sql("insert into movies (movie_id, title, release_year, genres) values (1, 'Heat', 1995, '{Crime}'),"
                        + " (2, 'Jumanji', 1995, '{Adventure}'), (3, 'Unrated', 2001, '{Drama}'),"
                        + " (4, 'Heat Wave', 1995, '{Crime}')")
                .update();
        token = client.token("fuzzer");
        otherToken = client.token("other");
        // accepted ratings with reviews, projected: state that must not change, and two of every list to page
        long position = 0;
        for (String[] write : List.of(
                new String[] {token, "1", "{\"stars\":4,\"review\":{\"text\":\"Tense.\"}}"},
                new String[] {token, "2", "{\"stars\":3,\"review\":{\"text\":\"Loud.\"}}"},
                new String[] {otherToken, "1", "{\"stars\":5,\"review\":{\"text\":\"Best.\"}}"},
                new String[] {otherToken, "4", "{\"stars\":2}"})) {
            HttpResponse<String> accepted =
                    client.send("PUT", "/api/movies/" + write[1] + "/rating", write[0], write[2]);
            assertThat(accepted.statusCode()).isEqualTo(202);
            position = LocalRuntimeClient.JSON
                    .readTree(accepted.body())
                    .get("position")
                    .asLong();
        }
        // two films on the fuzzer's watchlist (issue 20): a list to page, that no hostile request may change
        for (String film : List.of("3", "4")) {
            HttpResponse<String> listed = client.send("PUT", "/api/me/watchlist/" + film, token, null);
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(202);
            position = LocalRuntimeClient.JSON
                    .readTree(listed.body())
                    .get("position")
                    .asLong();
        }
        // and tagged (issue 19): a tag= list to page, tags no hostile request may change
        for (String film : List.of("3", "4")) {
            HttpResponse<String> tagged = client.send("POST", "/api/me/tags/" + film, token, "{\"tag\":\"fuzzed\"}");
            assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(202);
            position = LocalRuntimeClient.JSON
                    .readTree(tagged.body())
                    .get("position")
                    .asLong();
        }
        client.awaitProjection("/api/movies/1", position);
        // the scheduled refresh of similar movies takes up the likes above, then nothing is left to change them
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .until(() -> client.jdbc()
                                .sql("select count(*) from projection.similarity_stale")
                                .query(Long.class)
                                .single()
                        == 0);
        forge = new ForgedTokens(
                DATA.resolve("sign-in-key.jwk.json"), runtime.signIn().issuer());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void everyHostileRequestGetsA4xxProblemAndChangesNothing() throws Exception {
        List<Attack> attacks = attacks();
        assertThat(attacks.size()).isGreaterThanOrEqualTo(300);
        String before = fingerprintOfEveryTable();

        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Attack attack : attacks) {
            RawResponse response = send(attack);
            statuses.merge(response.status(), 1, Integer::sum);
            if (!isProblem(response)) {
                wrong.add(attack.name() + " → " + response.status() + " " + response.contentType() + " "
                        + response.body()
                                .substring(0, Math.min(200, response.body().length())));
            }
        }
        assertThat(wrong).as("answers that are not a 4xx problem+json").isEmpty();

        assertThat(fingerprintOfEveryTable()).isEqualTo(before);
        System.out.println("[fuzz] " + attacks.size() + " hostile requests, answers by status: " + statuses);
    }

    @Test
    void thousandsOfGeneratedRequestsAcrossEveryRouteNeverAnswer5xxAndChangeNothing() throws Exception {
        List<Attack> attacks = new ArrayList<>(new HostileRequestGenerator(new Random(16), token).generate(GENERATED));
        attacks.addAll(cursorAttacks(new Random(17)));
        String before = fingerprintOfEveryTable();

        long started = System.nanoTime();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> verdicts = new ArrayList<>();
            for (Attack attack : attacks) {
                verdicts.add(senders.submit(() -> {
                    try {
                        RawResponse response = send(attack);
                        synchronized (statuses) {
                            statuses.merge(response.status(), 1, Integer::sum);
                        }
                        return verdict(attack, response);
                    } catch (Exception | AssertionError e) {
                        return attack.method() + " " + abbreviate(attack.path()) + " (" + attack.name() + "): " + e;
                    }
                }));
            }
            for (Future<String> verdict : verdicts) {
                String problem = verdict.get(2, TimeUnit.MINUTES);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.printf(
                "[fuzz] %,d generated and cursor requests in %.1f s, answers by status: %s%n",
                attacks.size(), (System.nanoTime() - started) / 1e9, statuses);

        assertThat(attacks.size()).isGreaterThanOrEqualTo(5_000);
        assertThat(wrong).as("wrong answers (of %d)", attacks.size()).isEmpty();
        assertThat(statuses.keySet())
                .as("some reads succeed, or the fuzz tests nothing")
                .contains(200);
        assertThat(fingerprintOfEveryTable()).isEqualTo(before);
    }

    /** Null when the answer is acceptable, else what was wrong with it. */
    private static String verdict(Attack attack, RawResponse response) {
        String seen = attack.method() + " " + abbreviate(attack.path()) + " (" + attack.name() + ") → "
                + response.status() + " " + abbreviate(response.body());
        if (attack.mustBe() != 0 && response.status() != attack.mustBe()) {
            return seen + ", expected " + attack.mustBe();
        }
        if (response.status() >= 400) {
            return isProblem(response) && response.body().getBytes(StandardCharsets.UTF_8).length <= 2048
                    ? null
                    : seen + ": not a problem+json of at most 2 KB";
        }
        boolean readOk = attack.method().equals("GET")
                && (response.status() == 304
                        || (response.status() == 200 && response.contentType().startsWith("application/json")));
        return readOk ? null : seen + ": a write must not succeed, a read must be JSON";
    }

    /**
     * Every real cursor of every list changed at each character, cut short, lengthened and used on each
     * other list: all must be refused with 400.
     */
    private static List<Attack> cursorAttacks(Random random) throws Exception {
        Map<String, String> lists = new LinkedHashMap<>();
        for (String sort : List.of("top", "popular", "recent", "title")) {
            lists.put("/api/movies?sort=" + sort + "&limit=1", null);
            lists.put("/api/movies?sort=" + sort + "&genre=Crime&limit=1", null);
        }
        lists.put("/api/movies?q=heat&limit=1", null);
        lists.put("/api/movies/1/reviews?limit=1", null);
        lists.put("/api/me/ratings?limit=1", token);
        // issue 20 (sort=date is the default's list: its cursor is the same one)
        lists.put("/api/me/ratings?sort=stars&limit=1", token);
        lists.put("/api/me/ratings?sort=title&limit=1", token);
        lists.put("/api/me/watchlist?limit=1", token);
        lists.put("/api/me/watchlist?sort=title&limit=1", token);
        lists.put("/api/movies?tag=fuzzed&sort=title&limit=1", null);
        Map<String, String> cursors = new LinkedHashMap<>();
        for (Map.Entry<String, String> list : lists.entrySet()) {
            HttpResponse<String> page = client.send("GET", list.getKey(), list.getValue(), null);
            JsonNode next = LocalRuntimeClient.JSON.readTree(page.body()).get("nextCursor");
            assertThat(next.isString()).as(list.getKey() + " has a second page").isTrue();
            cursors.put(list.getKey(), next.asString());
        }
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        List<Attack> attacks = new ArrayList<>();
        for (Map.Entry<String, String> entry : cursors.entrySet()) {
            String list = entry.getKey();
            String cursor = entry.getValue();
            Map<String, String> headers =
                    lists.get(list) == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
            for (int i = 0; i < cursor.length(); i++) {
                char replacement;
                do {
                    replacement = alphabet.charAt(random.nextInt(alphabet.length()));
                } while (replacement == cursor.charAt(i));
                String changed = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
                if (!Arrays.equals(
                        Base64.getUrlDecoder().decode(changed),
                        Base64.getUrlDecoder().decode(cursor))) {
                    attacks.add(new Attack(
                            "cursor changed at " + i, "GET", list + "&cursor=" + changed, headers, null, 400));
                }
            }
            attacks.add(new Attack(
                    "cursor cut",
                    "GET",
                    list + "&cursor=" + cursor.substring(0, cursor.length() - 4),
                    headers,
                    null,
                    400));
            attacks.add(
                    new Attack("cursor lengthened", "GET", list + "&cursor=" + cursor + "AAAA", headers, null, 400));
            for (String other : cursors.keySet()) {
                if (!other.equals(list)) {
                    attacks.add(new Attack(
                            "cursor of " + other, "GET", list + "&cursor=" + cursors.get(other), headers, null, 400));
                }
            }
        }
        attacks.add(new Attack(
                "my cursor on another's list",
                "GET",
                "/api/me/ratings?limit=1&cursor=" + cursors.get("/api/me/ratings?limit=1"),
                Map.of("Authorization", "Bearer " + otherToken),
                null,
                400));
        return attacks;
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static List<Attack> attacks() throws Exception {
        List<Attack> attacks = new ArrayList<>();
        Random random = new Random(2026);
        String rating = "/api/movies/1/rating";
        for (String stars :
                List.of("\"x\"", "true", "false", "null", "[]", "{}", "\"4.5\"", "[4.5]", "{\"value\":4}")) {
            attacks.add(put("stars of the wrong type " + stars, rating, "{\"stars\":" + stars + "}"));
        }
        for (String stars : List.of(
                "0",
                "-0.5",
                "5.5",
                "10",
                "-1",
                "1e308",
                "-1e308",
                "1e999",
                "-1e999",
                "3.3",
                "4.25",
                "0.49999",
                "4.5000001",
                "2.75",
                "99999999999999999999",
                "0.0",
                "-0",
                "5.0000000000000001",
                "1E1",
                "0.5e-1",
                "12345678901234567890.5")) {
            attacks.add(
                    put("stars out of range or off the half-star grid " + stars, rating, "{\"stars\":" + stars + "}"));
        }
        for (int i = 0; i < 100; i++) {
            double value;
            do {
                value = Math.round(random.nextDouble() * 6 * 10_000) / 10_000.0;
            } while (value * 2 == Math.rint(value * 2) && value >= 0.5 && value <= 5);
            attacks.add(put("half-star near miss " + value, rating, "{\"stars\":" + value + "}"));
        }
        for (String notJson : List.of(
                "{\"stars\":NaN}",
                "{\"stars\":Infinity}",
                "{\"stars\":-Infinity}",
                "{stars:4}",
                "{'stars':4}",
                "{",
                "}",
                "",
                " ",
                "null",
                "4",
                "\"4\"",
                "[]",
                "{\"stars\":4,}",
                "{\"stars\":4}{}",
                "{\"stars\":4,\"stars\":5}",
                "{\"stars\":0x10}",
                "{\"stars\":+4}",
                "{\"stars\":.5}",
                "{\"stars\":4.}",
                "\u0000",
                "{\"stars\":4} // comment")) {
            attacks.add(put("not JSON or not an object: " + notJson, rating, notJson));
        }
        attacks.add(put(
                "deeply nested review",
                rating,
                "{\"stars\":4,\"review\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        attacks.add(put("deeply nested object", rating, "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)));
        attacks.add(put("nested array body", rating, "[".repeat(10_000) + "]".repeat(10_000)));
        for (byte[] bytes : List.of(
                new byte[] {(byte) 0xff, (byte) 0xfe},
                new byte[] {'{', '"', 's', '"', ':', (byte) 0xc0, (byte) 0xaf, '}'},
                new byte[] {'{', (byte) 0x80, '}'},
                new byte[] {'{', '"', (byte) 0xe2, (byte) 0x82, '"', '}'},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})) {
            attacks.add(new Attack("invalid UTF-8", "PUT", rating, jsonAuth(), bytes));
        }
        for (String text : List.of(
                "nul\\u0000byte",
                "lone \\ud800 surrogate",
                "bidi \\u202e override",
                "escape \\u001b[31m",
                "bell\\u0007",
                "🎬".repeat(5_001),
                "x".repeat(5_001),
                "del\\u007f")) {
            attacks.add(put(
                    "review the rules refuse: " + text.substring(0, Math.min(20, text.length())),
                    rating,
                    "{\"stars\":4,\"review\":{\"text\":\"" + text + "\"}}"));
        }
        for (String injection : List.of(
                "'; drop table rating_events; --",
                "1 OR 1=1",
                "\" OR \"\"=\"",
                "$$; delete from users; $$",
                "Robert'); DROP TABLE movies;--")) {
            attacks.add(
                    put("SQL in a number field", rating, "{\"stars\":\"" + injection.replace("\"", "\\\"") + "\"}"));
            attacks.add(
                    put("SQL as a field name", rating, "{\"stars\":4,\"" + injection.replace("\"", "\\\"") + "\":1}"));
            attacks.add(new Attack(
                    "SQL in the path",
                    "PUT",
                    "/api/movies/" + urlEncode(injection) + "/rating",
                    jsonAuth(),
                    "{\"stars\":4}".getBytes()));
            attacks.add(get("SQL in the query", "/api/movies?sort=" + urlEncode(injection)));
        }
        for (String field : List.of("userId", "user", "sub", "streamVersion", "position", "eventId")) {
            attacks.add(
                    put("smuggled field " + field, rating, "{\"stars\":4,\"" + field + "\":\"local-someone-else\"}"));
        }
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded",
                "text/json",
                "application/javascript",
                "image/png")) {
            Map<String, String> headers = new LinkedHashMap<>(jsonAuth());
            headers.put("Content-Type", type);
            attacks.add(new Attack("wrong content type " + type, "PUT", rating, headers, "{\"stars\":4}".getBytes()));
        }
        Map<String, String> noType = new LinkedHashMap<>(jsonAuth());
        noType.remove("Content-Type");
        attacks.add(new Attack("no content type", "PUT", rating, noType, "{\"stars\":4}".getBytes()));
        attacks.add(put("17 KB body", rating, "{\"stars\":4,\"review\":{\"text\":\"" + "a".repeat(17_000) + "\"}}"));
        attacks.add(
                put("over 1 MB body", rating, "{\"stars\":4,\"review\":{\"text\":\"" + "a".repeat(1_100_000) + "\"}}"));
        for (String id : List.of(
                "0",
                "-1",
                "abc",
                "1.5",
                "99999999999999999999999",
                "1e3",
                "%00",
                "..%2f..%2fetc%2fpasswd",
                "1%3Bdrop",
                "%27%20or%201%3D1--",
                "%D9%A1%D9%A2",
                "9999999",
                "00001x",
                "%201",
                "%20",
                "0x1",
                "+1",
                "1/..",
                "..",
                "%2e%2e")) {
            attacks.add(new Attack(
                    "bad movie id on PUT " + id,
                    "PUT",
                    "/api/movies/" + id + "/rating",
                    jsonAuth(),
                    "{\"stars\":4}".getBytes()));
            attacks.add(new Attack(
                    "bad movie id on DELETE " + id, "DELETE", "/api/movies/" + id + "/rating", auth(), null));
            attacks.add(get("bad movie id on GET " + id, "/api/movies/" + id));
            attacks.add(get("bad movie id on reviews " + id, "/api/movies/" + id + "/reviews"));
            attacks.add(get("bad movie id on history " + id, "/api/movies/" + id + "/history"));
            attacks.add(get("bad movie id on similar " + id, "/api/movies/" + id + "/similar"));
        }
        for (String path : List.of(
                "/../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/api/../../etc/passwd",
                "/..%2f..%2fetc%2fpasswd",
                "/static/../../pom.xml",
                "/api/movies/1/../../../etc/passwd",
                "/api/admin",
                "/api/dev/../movies/1/rating",
                "/%00",
                "/index.html%00.txt",
                "/WEB-INF/web.xml",
                "/.git/config")) {
            attacks.add(get("path traversal " + path, path));
        }
        for (String query : List.of(
                "sort=best",
                "sort=%20",
                "sort=TOP%00",
                "limit=abc",
                "limit=1e3",
                "limit=99999999999",
                "year=abc",
                "year=19999",
                "year=1990-19x",
                "year=--",
                "cursor=garbage",
                "cursor=eyJsaXN0IjoieCJ9",
                "cursor=" + "A".repeat(2_000),
                "q=" + "x".repeat(201),
                "genre=" + "g".repeat(51),
                "cursor=%00",
                "sort=top&cursor=eyJsaXN0IjoibW92aWVzOnRvcDowIiwiayI6IjEnOyIsImlkIjoiMSIsImMiOiIzIn0")) {
            attacks.add(get("bad query " + query.substring(0, Math.min(40, query.length())), "/api/movies?" + query));
        }
        attacks.add(get("reviews with a bad cursor", "/api/movies/1/reviews?cursor=notacursor"));
        for (String query : List.of(
                "asOf=2005-02-30",
                "asOf=99999999999999999999",
                "asOf=1e999999999",
                "asOf=9999-12-31",
                "asOf=0000-01-01",
                "asOf=2005-12-31%00",
                "asOf=" + "9".repeat(2_000))) {
            attacks.add(get("bad as-of " + query.substring(0, Math.min(40, query.length())), "/api/movies/1?" + query));
        }
        for (String query :
                List.of("interval=week", "interval=99999999999999999999", "interval=DAY%00", "interval=%20")) {
            attacks.add(get("bad history " + query, "/api/movies/1/history?" + query));
        }
        for (String query :
                List.of("limit=1e999999999", "limit=99999999999999999999", "limit=-99999999999", "limit=x")) {
            attacks.add(get("bad similar " + query, "/api/movies/1/similar?" + query));
        }
        attacks.add(get("my ratings without a token", "/api/me/ratings"));
        for (Map.Entry<String, String> bad : badTokens().entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            if (bad.getValue() != null) {
                headers.put("Authorization", bad.getValue());
            }
            attacks.add(new Attack(
                    "token " + bad.getKey() + " on PUT", "PUT", rating, headers, "{\"stars\":1}".getBytes()));
            attacks.add(new Attack("token " + bad.getKey() + " on DELETE", "DELETE", rating, headers, null));
            attacks.add(
                    new Attack("token " + bad.getKey() + " on my ratings", "GET", "/api/me/ratings", headers, null));
            attacks.add(new Attack("token " + bad.getKey() + " on erasure", "DELETE", "/api/me", headers, null));
            attacks.add(new Attack("token " + bad.getKey() + " on export", "GET", "/api/me/export", headers, null));
            attacks.add(new Attack(
                    "token " + bad.getKey() + " on profile",
                    "PUT",
                    "/api/me/profile",
                    headers,
                    "{\"displayName\":\"Mallory\"}".getBytes()));
        }
        // a display name that can deceive, or a body that is not one, changes no profile
        for (String body : List.of(
                "{\"displayName\":\"Ali\\u202Ece\"}",
                "{\"displayName\":\"\\u0000nul\"}",
                "{\"displayName\":\"\\ud800lone\"}",
                "{\"displayName\":\"p\u0430ypal\"}",
                "{\"displayName\":1e999999999}",
                "{\"displayName\":\"" + "x".repeat(16_000) + "\"}",
                "{\"displayName\":[\"a\"]}",
                "[]",
                "")) {
            attacks.add(new Attack("bad display name", "PUT", "/api/me/profile", jsonAuth(), body.getBytes()));
        }
        for (String key : List.of("has spaces", "x".repeat(256), "ünïcode", "tab\there", "")) {
            Map<String, String> headers = new LinkedHashMap<>(jsonAuth());
            headers.put("Idempotency-Key", key);
            attacks.add(new Attack("bad idempotency key", "PUT", rating, headers, "{\"stars\":1}".getBytes()));
        }
        attacks.add(new Attack("delete what was never rated", "DELETE", "/api/movies/3/rating", auth(), null));
        for (String method : List.of("POST", "PATCH")) {
            attacks.add(new Attack("method " + method, method, rating, jsonAuth(), "{\"stars\":4}".getBytes()));
            attacks.add(
                    new Attack("method " + method + " on movies", method, "/api/movies", jsonAuth(), "{}".getBytes()));
        }
        attacks.add(new Attack(
                "dev token for a bad user name",
                "POST",
                "/api/dev/token",
                Map.of("Content-Type", "application/json"),
                "{\"user\":\"<script>alert(1)</script>\"}".getBytes()));
        attacks.add(new Attack("dev token without a body", "POST", "/api/dev/token", Map.of(), null));
        attacks.addAll(diaryAttacks());
        return attacks;
    }

    /** The diary's routes (issue 20): impossible dates, huge numbers, long notes, odd Unicode, other ids. */
    private static List<Attack> diaryAttacks() {
        List<Attack> attacks = new ArrayList<>();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.ofHours(14))
                .plusDays(1)
                .toString();
        for (String watchedOn : List.of(
                "0000-00-00",
                "+999999999-12-31",
                "1869-12-31",
                tomorrow,
                "2024-02-30",
                "2024-1-1",
                "\uff12\uff10\uff12\uff14-01-01",
                "2024-01-01T00:00:00Z",
                "",
                "\u202e2024-01-01")) {
            attacks.add(diaryPost(
                    "watchedOn " + watchedOn, "{\"movieId\":1,\"watchedOn\":\"" + watchedOn + "\",\"rewatch\":false}"));
        }
        String viewing = "{\"movieId\":1,\"watchedOn\":\"2024-01-01\",\"rewatch\":false";
        for (String body : List.of(
                viewing + ",\"stars\":4.25}",
                viewing + ",\"stars\":1e999999999}",
                viewing + ",\"stars\":\"4\"}",
                "{\"movieId\":99999999999999999999999999,\"watchedOn\":\"2024-01-01\",\"rewatch\":false}",
                "{\"movieId\":-1,\"watchedOn\":\"2024-01-01\",\"rewatch\":false}",
                "{\"movieId\":987654321,\"watchedOn\":\"2024-01-01\",\"rewatch\":false}",
                "{\"movieId\":1,\"watchedOn\":\"2024-01-01\"}",
                "{\"movieId\":1,\"watchedOn\":\"2024-01-01\",\"rewatch\":\"no\"}",
                viewing + ",\"note\":\"" + "x".repeat(16_400) + "\"}",
                viewing + ",\"note\":\"" + "x".repeat(2_001) + "\"}",
                viewing + ",\"note\":\"zero\u200bwidth\"}",
                viewing + ",\"note\":\"\\ud800lone\"}",
                viewing + ",\"note\":\"e" + "\u0301".repeat(20) + "\"}",
                viewing + ",\"review\":{\"text\":\"no stars\"}}",
                viewing + ",\"entryId\":\"x\"}",
                "[]",
                "")) {
            attacks.add(diaryPost("bad viewing", body));
        }
        attacks.add(new Attack(
                "viewing without a token",
                "POST",
                "/api/me/diary",
                Map.of("Content-Type", "application/json"),
                (viewing + "}").getBytes(StandardCharsets.UTF_8)));
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "00000000-0000-0000-0000-000000000000")) {
            String path = "/api/me/diary/" + id;
            attacks.add(new Attack(
                    "edit an entry that is not mine",
                    "PUT",
                    path,
                    jsonAuth(),
                    "{\"watchedOn\":\"2024-01-01\",\"rewatch\":true}".getBytes(StandardCharsets.UTF_8)));
            attacks.add(new Attack("delete an entry that is not mine", "DELETE", path, auth(), null));
            attacks.add(new Attack("read an entry that is not mine", "GET", path, auth(), null));
        }
        for (String year : List.of("1869", "99999", "0000", "-1", "2024.5", "abcd", "%00")) {
            attacks.add(new Attack("diary year " + year, "GET", "/api/me/diary?year=" + year, auth(), null));
        }
        return attacks;
    }

    private static Attack diaryPost(String name, String body) {
        return new Attack(name, "POST", "/api/me/diary", jsonAuth(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isProblem(RawResponse response) {
        if (response.status() < 400
                || response.status() > 499
                || !response.contentType().startsWith("application/problem+json")) {
            return false;
        }
        JsonNode problem = LocalRuntimeClient.JSON.readTree(response.body());
        return problem.path("status").asInt() == response.status()
                && !problem.path("title").asString("").isBlank()
                && problem.path("type").asString("").startsWith("https://")
                && problem.has("detail");
    }

    /** Each breaks one rule of API Gateway's JWT authorizer; see FrontAuthorizerIntegrationTest for them one by one. */
    private static Map<String, String> badTokens() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        Instant now = Instant.now();
        tokens.put("missing", null);
        tokens.put("empty bearer", "Bearer ");
        tokens.put("not a JWT", "Bearer not-a-jwt");
        tokens.put("basic auth", "Basic YWxpY2U6c2VjcmV0");
        tokens.put("forged signature", "Bearer " + token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl");
        tokens.put("alg=none", "Bearer " + ForgedTokens.unsigned(forge.accessToken("fuzzer")));
        tokens.put(
                "HS256 with another key", "Bearer " + ForgedTokens.hs256(new byte[32], forge.accessToken("mallory")));
        tokens.put(
                "HS256 with the issuer's public key", "Bearer " + forge.hs256WithThePublicKey(forge.accessToken("m")));
        tokens.put(
                "expired",
                "Bearer " + forge.signed(forge.accessToken("fuzzer").expirationTime(Date.from(now.minusSeconds(60)))));
        tokens.put(
                "wrong issuer",
                "Bearer " + forge.signed(forge.accessToken("fuzzer").issuer("https://evil.example")));
        tokens.put(
                "wrong audience",
                "Bearer " + forge.signed(forge.accessToken("fuzzer").claim("client_id", "someone-else")));
        tokens.put("another RSA key", "Bearer " + forge.signedWithAnotherKey(forge.accessToken("fuzzer")));
        tokens.put(
                "no subject",
                "Bearer " + forge.signed(forge.accessToken("fuzzer").subject(null)));
        tokens.put("huge", "Bearer " + "a".repeat(10_000));
        return tokens;
    }

    private static Attack put(String name, String path, String body) {
        return new Attack(name, "PUT", path, jsonAuth(), body.getBytes(StandardCharsets.UTF_8));
    }

    private static Attack get(String name, String path) {
        return new Attack(name, "GET", path, Map.of(), null);
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> jsonAuth() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private static String urlEncode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    record RawResponse(int status, String contentType, String body) {}

    /** Raw HTTP/1.1 over a socket: the JDK client would refuse to send some of these paths and headers. */
    private static RawResponse send(Attack attack) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", runtime.port())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(
                    (attack.method() + " " + attack.path() + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n")
                            .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> header : attack.headers().entrySet()) {
                request.write((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = attack.body() == null ? new byte[0] : attack.body();
            request.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            request.write(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headerEnd = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, headerEnd);
            int status = Integer.parseInt(head.split(" ")[1]);
            String contentType = head.lines()
                    .filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring(13).strip())
                    .findFirst()
                    .orElse("");
            return new RawResponse(status, contentType, raw.substring(headerEnd + 4));
        }
    }

    /** Every table of the application's schemas, so a feature's new table is covered without being listed here. */
    private static String fingerprintOfEveryTable() {
        StringBuilder fingerprint = new StringBuilder();
        List<String> tables = client.jdbc().sql("""
                        select table_schema || '.' || table_name from information_schema.tables
                        where table_type = 'BASE TABLE'
                          and table_schema in ('public', 'projection', 'personal', 'ops')
                          and table_name <> 'flyway_schema_history'
                        order by 1""").query(String.class).list();
        assertThat(tables).contains("projection.helpful_votes", "personal.tags", "public.rating_events");
        for (String table : tables) {
            fingerprint
                    .append(table)
                    .append('=')
                    .append(client.jdbc()
                            .sql("select count(*) || ':' ||"
                                    + " coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
                                    + " from " + table + " t")
                            .query(String.class)
                            .single())
                    .append('\n');
        }
        return fingerprint.toString();
    }
}
