package dev.movieratings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.catalog.application.AddingMovie;
import dev.movieratings.catalog.application.AddingMovie.AddMovie;
import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CorrectingMovie;
import dev.movieratings.catalog.application.CorrectingMovie.CorrectMovie;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.catalog.infrastructure.CatalogSources;
import dev.movieratings.catalog.infrastructure.JdbcCatalogStore;
import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.query.QueryApiApplication;
import dev.movieratings.testsupport.MigratedDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Catalog changes as a user sees them: through the real query function's title search. */
class CatalogSearchIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String AMELIE = "Amélie (Fabuleux destin d'Amélie Poulain, Le)";
    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static JdbcCatalogStore store;
    private static LocalLambda queries;

    @TempDir
    Path files;

    @BeforeAll
    static void start() {
        database = CatalogFixture.migratedDatabase();
        jdbc = JdbcClient.create(database.administrator());
        store = new JdbcCatalogStore(database.as(DatabaseRole.OPS));
        queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                database.logins()
                        .springDataSource(
                                DatabaseRole.QUERY,
                                Map.of("CURSOR_SIGNING_KEY", "Y2F0YWxvZy10ZXN0cy1jdXJzb3Itc2lnbmluZy1rZXk=")));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aTitleChangedByAnImportIsFoundUnderItsNewNameAndNoLongerUnderItsOldOne() {
        ImportingCatalog importing = new ImportingCatalog(store);
        assertThat(importing
                        .importFrom(source("v1", "101,\"Shawshank Redemption, The (1994)\",Crime|Drama"))
                        .inserted())
                .isEqualTo(1);
        assertThat(titlesFound("shawshank")).containsExactly("Shawshank Redemption, The");

        ImportReport report = importing.importFrom(source("v2", "101,Rita Hayworth and Shawshank Escape (1994),Drama"));

        assertThat(report.updated()).isEqualTo(1);
        assertThat(titlesFound("rita hayworth")).containsExactly("Rita Hayworth and Shawshank Escape");
        assertThat(titlesFound("shawshenk escape"))
                .as("typo-tolerant under the new name")
                .contains("Rita Hayworth and Shawshank Escape");
        assertThat(titlesFound("the shawshank redemption")).isEmpty();
        assertThat(movie(101).get("genres").toString()).isEqualTo("[\"Drama\"]");
    }

    @Test
    void anAddedMovieIsSearchableAndACorrectedTitleIsFoundUnderItsNewName() {
        new AddingMovie(store).add(new AddMovie("202", "Amelie", 2001, List.of("Comedy", "Romance"), "0211915", ""));
        assertThat(titlesFound("amelie")).containsExactly("Amelie");

        CorrectingMovie.Corrected corrected = new CorrectingMovie(store)
                .correct(new CorrectMovie(
                        "202",
                        Optional.of(AMELIE),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("194")));

        assertThat(corrected.changed()).isTrue();
        assertThat(corrected.after().year()).isEqualTo(2001);
        assertThat(titlesFound("le fabuleux destin")).containsExactly(AMELIE);
        assertThat(jdbc.sql("select imdb_id || '/' || tmdb_id from movies where movie_id = 202")
                        .query(String.class)
                        .single())
                .isEqualTo("0211915/194");
    }

    @Test
    void addingAMovieThatExistsOrCorrectingOneThatDoesNotIsRefusedAndChangesNothing() {
        new AddingMovie(store).add(new AddMovie("303", "Heat", 1995, List.of("Action"), null, null));
        Map<Long, String> before = CatalogFixture.rowVersions(jdbc);

        assertThatThrownBy(() -> new AddingMovie(store).add(new AddMovie("303", "Heat 2", 2026, List.of(), null, null)))
                .isInstanceOf(CatalogRefusal.class)
                .hasMessage("movie 303 is already in the catalog ('Heat'); use catalog correct to change it");
        assertThatThrownBy(() -> new CorrectingMovie(store)
                        .correct(new CorrectMovie(
                                "404",
                                Optional.of("Nothing"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())))
                .isInstanceOf(CatalogRefusal.class)
                .hasMessage("movie 404 is not in the catalog; use catalog add to add it");
        assertThatThrownBy(() ->
                        new AddingMovie(store).add(new AddMovie("305", "Drama", 1995, List.of("Dra|ma"), null, null)))
                .hasMessage("'Dra|ma' is not a genre name (at most 50 characters, no '|' or ',')");

        assertThat(CatalogFixture.rowVersions(jdbc)).isEqualTo(before);
    }

    @Test
    void aCorrectionThatChangesNothingRewritesNothing() {
        new AddingMovie(store).add(new AddMovie("404", "Casino", 1995, List.of("Crime"), null, null));
        Map<Long, String> before = CatalogFixture.rowVersions(jdbc);

        CorrectingMovie.Corrected corrected = new CorrectingMovie(store)
                .correct(new CorrectMovie(
                        "404",
                        Optional.of("Casino"),
                        Optional.of(1995),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));

        assertThat(corrected.changed()).isFalse();
        assertThat(CatalogFixture.rowVersions(jdbc)).isEqualTo(before);
    }

    private dev.movieratings.catalog.application.CatalogSource source(String version, String movieLine) {
        return CatalogSources.open(
                CatalogFixture.catalog(files.resolve(version), List.of(movieLine), List.of())
                        .toString(),
                null);
    }

    private static List<String> titlesFound(String q) {
        String query = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        JsonNode page = JSON.readTree(
                get("GET /api/movies", "/api/movies", Map.of(), query).body());
        return page.get("items")
                .valueStream()
                .map(item -> item.get("title").asString())
                .toList();
    }

    private static JsonNode movie(long id) {
        String key = Long.toString(id);
        return JSON.readTree(get("GET /api/movies/{id}", "/api/movies/" + key, Map.of("id", key), "")
                .body());
    }

    private static ApiGatewayEvents.Response get(
            String route, String path, Map<String, String> parameters, String query) {
        ApiGatewayEvents.Response response =
                ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "GET", route, path, parameters, query, Map.of("accept", "application/json"), null, null))));
        assertThat(response.statusCode()).as(path + "?" + query).isEqualTo(200);
        return response;
    }
}
