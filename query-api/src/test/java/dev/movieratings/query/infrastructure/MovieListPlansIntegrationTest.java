package dev.movieratings.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.migrations.DatabaseMigrations;
import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieSort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every list shape without a title search, as PostgreSQL runs it on a catalogue of 100,000 movies
 * (sorting it would cost the planner far more than walking an index): each plan walks its order's
 * index from the cursor and stops after the page, with no sort, no sequential scan and no bitmap scan
 * among the nodes it ran, and reads a small fraction of the catalogue.
 */
class MovieListPlansIntegrationTest {

    private static final int MOVIES = 100_000;
    private static final int LIMIT = 21;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<MovieSort, String> INDEX = Map.of(
            MovieSort.TOP, "movie_scores_top_walk",
            MovieSort.POPULAR, "movie_scores_popular_walk",
            MovieSort.RECENT, "movie_scores_recent_walk",
            MovieSort.TITLE, "movies_title_walk");

    /** The key and id of the 1,000th movie of each order: where the 50th page of 20 starts. */
    private static final Map<MovieSort, String> FIFTIETH_PAGE = Map.of(
            MovieSort.TOP,
            "select weighted::text, movie_id from projection.movie_scores where weighted is not null"
                    + " order by -weighted, movie_id offset 999 limit 1",
            MovieSort.POPULAR,
            "select rating_count::text, movie_id from projection.movie_scores where rating_count > 0"
                    + " order by -rating_count, movie_id offset 999 limit 1",
            MovieSort.RECENT,
            "select last_rated_at::text, movie_id from projection.movie_scores where last_rated_at is not null"
                    + " order by last_rated_at desc, movie_id desc offset 999 limit 1",
            MovieSort.TITLE,
            "select title, movie_id from movies order by title, movie_id offset 999 limit 1");

    private static JdbcClient jdbc;

    /**
     * Ten genres, two per movie (a genre filter lets about one movie in five through), years 1950–2019,
     * nine movies in ten rated, with counts, means and last ratings spread by a hash of the id.
     */
    @BeforeAll
    static void start() {
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseMigrations.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        jdbc.sql("""
                        insert into movies (movie_id, title, release_year, genres)
                        select i, 'Movie ' || md5(i::text), 1950 + i % 70,
                          array[g[1 + i % 10], g[1 + (i / 10 + 3) % 10]]
                        from generate_series(1, :movies) i,
                          (select array['Action', 'Adventure', 'Comedy', 'Crime', 'Drama', 'Horror', 'Romance',
                            'Sci-Fi', 'Thriller', 'War'] as g) genres
                        """).param("movies", MOVIES).update();
        jdbc.sql("""
                        insert into projection.movie_scores (movie_id, rating_count, stars_sum, last_rated_at)
                        select i, c, c * (1 + abs(hashint4(i * 7)) % 9) / 2.0,
                          timestamptz '2026-01-01' + abs(hashint4(i * 3)) % 10000000 * interval '1 second'
                        from generate_series(1, :movies) i, lateral (select 1 + abs(hashint4(i)) % 200 as c) n
                        where i % 10 <> 0
                        """).param("movies", MOVIES).update();
        jdbc.sql("""
                        update projection.rating_totals t set rating_count = s.c, stars_sum = s.s,
                          list_mean = s.s / s.c, list_min_votes = 50
                        from (select sum(rating_count) as c, sum(stars_sum) as s from projection.movie_scores) s
                        """).update();
        jdbc.sql("""
                        update projection.movie_scores s
                        set weighted = (s.stars_sum + t.list_min_votes * t.list_mean)
                          / (s.rating_count + t.list_min_votes)
                        from projection.rating_totals t
                        """).update();
        jdbc.sql("vacuum analyze").update();
    }

    @Test
    void everyListIsAnIndexWalkOfItsPageWithAndWithoutFiltersOnTheFirstAndTheFiftiethPage() {
        List<MovieFilter> filters = List.of(
                new MovieFilter(null, null, null, null),
                new MovieFilter(null, "Drama", null, null),
                new MovieFilter(null, null, 1994, 1994),
                new MovieFilter(null, null, 1990, 1999),
                new MovieFilter(null, "Comedy", 1990, null));
        List<String> failures = new ArrayList<>();
        for (MovieSort sort : INDEX.keySet()) {
            for (MovieFilter filter : filters) {
                for (boolean paging : List.of(false, true)) {
                    JsonNode plan = explain(sort, filter, paging);
                    String shape = sort + " " + filter + (paging ? " page 50" : " page 1");
                    List<String> ran = new ArrayList<>();
                    long[] read = {0};
                    visit(plan.get("Plan"), ran, read);
                    if (ran.stream().anyMatch(node -> node.matches("(Incremental )?Sort|Seq Scan.*|Bitmap.*"))) {
                        failures.add(shape + " ran " + ran);
                    }
                    if (!plan.toString().contains("\"Index Name\":\"" + INDEX.get(sort) + "\"")) {
                        failures.add(shape + " does not walk " + INDEX.get(sort) + ": " + ran);
                    }
                    if (read[0] > MOVIES / 20) {
                        failures.add(shape + " read " + read[0] + " rows");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static JsonNode explain(MovieSort sort, MovieFilter filter, boolean paging) {
        var statement = jdbc.sql("explain (analyze, format json) " + MovieListSql.list(sort, filter, null, paging))
                .param("limit", LIMIT);
        statement = filter.genre() == null ? statement : statement.param("genre", filter.genre());
        statement = filter.yearFrom() == null ? statement : statement.param("yearFrom", filter.yearFrom());
        statement = filter.yearTo() == null ? statement : statement.param("yearTo", filter.yearTo());
        if (paging) {
            Map<String, Object> after =
                    jdbc.sql(FIFTIETH_PAGE.get(sort)).query().singleRow();
            List<Object> key = new ArrayList<>(after.values());
            statement = statement.param("k", key.get(0)).param("id", key.get(1));
            if (sort == MovieSort.TOP) {
                Map<String, Object> basis = jdbc.sql(
                                "select list_mean::text as c, list_min_votes as bm from projection.rating_totals")
                        .query()
                        .singleRow();
                statement = statement.param("c", basis.get("c")).param("bm", basis.get("bm"));
            }
        }
        return JSON.readTree(statement.query(String.class).single()).get(0);
    }

    /** The node types that ran, and the rows the scans among them returned and removed by filter. */
    private static void visit(JsonNode node, List<String> ran, long[] read) {
        long loops = node.path("Actual Loops").asLong();
        String relation = node.path("Relation Name").asString("");
        if (loops > 0 && !relation.equals("rating_totals")) { // the one-row basis, read once per statement
            String type = node.get("Node Type").asString();
            ran.add(type + (relation.isEmpty() ? "" : " on " + relation));
            if (type.contains("Scan")) {
                read[0] += loops
                        * (node.path("Actual Rows").asLong()
                                + node.path("Rows Removed by Filter").asLong());
            }
        }
        for (JsonNode child : node.path("Plans")) {
            visit(child, ran, read);
        }
    }
}
