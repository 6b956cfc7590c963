package dev.movieratings.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Erasure on the whole local runtime (front, command function, bus, queue, projector, ops): after
 * DELETE /api/me, and again after a rebuild of every projection, no table or analytics view holds the
 * person's review text or display name, the scores no longer count their ratings, a bystander's
 * rating is untouched, and verify agrees with the projections.
 */
class ErasureEndToEndIntegrationTest {

    private static final Path DATA = Path.of("target", "local-runtime-erasure").toAbsolutePath();
    private static LocalRuntime runtime;
    private static LocalRuntimeClient client;

    @BeforeAll
    static void start() throws Exception {
        LocalRuntimeClient.deleteRecursively(DATA);
        runtime = LocalRuntime.start(new LocalSettings(0, DATA, false, 1, 5, 500));
        client = new LocalRuntimeClient(runtime);
        client.jdbc()
                .sql("insert into movies (movie_id, title, genres) values (1, 'Heat', '{Crime}'), (2, 'Ran', '{War}')")
                .update();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void afterErasureAndAfterARebuildNothingOfThePersonRemainsButTheirPseudonymousEvents() throws Exception {
        String leaver = client.token("leaver");
        String bystander = client.token("bystander");
        String text = "A review only the leaver wrote";
        assertThat(client.send("PUT", "/api/me/profile", leaver, "{\"displayName\":\"Leaving Lena\"}")
                        .statusCode())
                .isEqualTo(200);
        accepted(client.send(
                "PUT", "/api/movies/1/rating", leaver, "{\"stars\":1,\"review\":{\"text\":\"" + text + "\"}}"));
        accepted(client.send("PUT", "/api/movies/2/rating", leaver, "{\"stars\":2}"));
        long position = accepted(client.send("PUT", "/api/movies/1/rating", bystander, "{\"stars\":5}"));
        JsonNode reviews = client.awaitProjection("/api/movies/1/reviews", position);
        assertThat(reviews.get("items").get(0).get("author").asString()).isEqualTo("Leaving Lena");
        assertThat(tablesContaining(text)).isNotEmpty();

        HttpResponse<String> erased = client.send("DELETE", "/api/me", leaver, null);

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(202);
        JsonNode movie = client.awaitProjection(
                "/api/movies/1",
                LocalRuntimeClient.JSON.readTree(erased.body()).get("position").asLong());
        assertThat(movie.get("ratingCount").asLong())
                .as("only the bystander's rating counts")
                .isEqualTo(1);
        assertThat(movie.get("reviewCount").asLong()).isZero();
        assertThat(client.getJson("/api/movies/2").get("ratingCount").asLong()).isZero();
        assertThat(client.getJson("/api/movies/1/reviews").get("items")).isEmpty();
        assertThat(tablesContaining(text))
                .as("tables and views holding the text")
                .isEmpty();
        assertThat(tablesContaining("Leaving Lena"))
                .as("tables and views holding the name")
                .isEmpty();
        assertThat(client.jdbc()
                        .sql("select count(*) from analytics.user_ratings where pseudonymous_user_id = 'local-leaver'")
                        .query(Long.class)
                        .single())
                .isZero();

        assertThat(ops("rebuild")).contains("Rebuilt");
        assertThat(tablesContaining(text)).as("after a rebuild").isEmpty();
        assertThat(client.getJson("/api/movies/1").get("ratingCount").asLong()).isEqualTo(1);
        assertThat(ops("verify")).contains("projections match");
    }

    private static long accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return LocalRuntimeClient.JSON.readTree(response.body()).get("position").asLong();
    }

    /** Every table and view of ours with a row whose text holds {@code needle}. */
    private static List<String> tablesContaining(String needle) {
        List<String> holding = new ArrayList<>();
        for (String table : client.jdbc().sql("""
                        select format('%I.%I', table_schema, table_name) from information_schema.tables
                        where table_schema not in ('pg_catalog', 'information_schema')
                        order by 1""").query(String.class).list()) {
            if (client.jdbc()
                    .sql("select exists (select 1 from " + table + " t where strpos(t::text, ?) > 0)")
                    .param(needle)
                    .query(Boolean.class)
                    .single()) {
                holding.add(table);
            }
        }
        return holding;
    }

    private static String ops(String command) {
        OpsTranscript.Outcome outcome = new OpsTranscript(DATA).run(command);
        assertThat(outcome.exitCode()).as(outcome.output()).isZero();
        return outcome.output();
    }
}
