package dev.movieratings.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.catalog.application.CatalogMovie;
import dev.movieratings.catalog.application.CatalogStore;
import dev.movieratings.catalog.application.CatalogTransaction;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.catalog.infrastructure.CatalogSources;
import dev.movieratings.catalog.infrastructure.JdbcCatalogStore;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class CatalogImportIntegrationTest {

    private static MigratedDatabase database;
    private static JdbcClient jdbc;
    private static ImportingCatalog importing;

    @TempDir
    Path files;

    @BeforeAll
    static void start() {
        database = CatalogFixture.migratedDatabase();
        jdbc = JdbcClient.create(database.administrator());
        importing = new ImportingCatalog(new JdbcCatalogStore(database.as(DatabaseRole.OPS)));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @BeforeEach
    void emptyCatalog() {
        jdbc.sql("delete from movies").update();
    }

    @Test
    void importingMovieLensTwiceGivesTheSameRowsAndRewritesNothingTheSecondTime() {
        ImportReport first = importing.importFrom(CatalogSources.open(CatalogFixture.MOVIELENS.toString(), null));
        Map<Long, String> afterFirst = CatalogFixture.rowVersions(jdbc);

        ImportReport second = importing.importFrom(CatalogSources.open(CatalogFixture.MOVIELENS.toString(), null));

        assertThat(first.rejected()).isEmpty();
        assertThat(first.inserted()).isEqualTo(9742);
        assertThat(List.of(
                        second.inserted(),
                        second.updated(),
                        second.unchanged(),
                        second.rejected().size()))
                .containsExactly(0, 0, 9742, 0);
        assertThat(CatalogFixture.rowVersions(jdbc)).isEqualTo(afterFirst);
        assertThat(jdbc.sql("select title, release_year, genres::text, imdb_id, tmdb_id from movies where movie_id = 1")
                        .query()
                        .singleRow())
                .containsValues("Toy Story", 1995, "{Adventure,Animation,Children,Comedy,Fantasy}", "0114709", "862");
        assertThat(jdbc.sql("select count(*) from movies where genres = '{}'")
                        .query(Long.class)
                        .single())
                .as("'(no genres listed)' is stored as no genres")
                .isEqualTo(34);
    }

    @Test
    void aChangedTitleOrGenreIsUpdatedAndEveryOtherRowIsLeftAsItWas() {
        importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(
                                files.resolve("v1"),
                                List.of(
                                        "1,Toy Story (1995),Animation|Comedy",
                                        "2,Jumanji (1995),Adventure",
                                        "3,Heat (1995),Action"),
                                List.of("1,0114709,862", "2,0113497,8844", "3,0113277,949"))
                        .toString(),
                null));
        Map<Long, String> before = CatalogFixture.rowVersions(jdbc);

        ImportReport report = importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(
                                files.resolve("v2"),
                                List.of(
                                        "1,Toy Story (1995),Animation|Comedy",
                                        "2,Jumanji: The Original (1995),Adventure",
                                        "3,Heat (1995),Action|Crime|Thriller",
                                        "4,Casino (1995),Crime"),
                                List.of("1,0114709,862", "2,0113497,8844", "3,0113277,949", "4,0112641,524"))
                        .toString(),
                null));

        assertThat(List.of(report.inserted(), report.updated(), report.unchanged()))
                .containsExactly(1, 2, 1);
        Map<Long, String> after = CatalogFixture.rowVersions(jdbc);
        assertThat(after.get(1L)).isEqualTo(before.get(1L));
        assertThat(after.get(2L)).contains("Jumanji: The Original").isNotEqualTo(before.get(2L));
        assertThat(after.get(3L)).contains("{Action,Crime,Thriller}");
        assertThat(after).containsKey(4L);
    }

    @Test
    void moviesMissingFromTheFileAreKept() {
        importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(
                                files.resolve("v1"),
                                List.of("1,Toy Story (1995),Animation", "2,Heat (1995),Action"),
                                List.of())
                        .toString(),
                null));

        ImportReport report = importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(files.resolve("v2"), List.of("1,Toy Story (1995),Animation"), List.of())
                        .toString(),
                null));

        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(CatalogFixture.rowVersions(jdbc)).containsOnlyKeys(1L, 2L);
    }

    @Test
    void badLinesAreReportedByFileAndLineNumberAndNothingOfTheImportIsWritten() {
        importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(files.resolve("good"), List.of("1,Toy Story (1995),Animation"), List.of())
                        .toString(),
                null));
        Map<Long, String> before = CatalogFixture.rowVersions(jdbc);

        ImportReport report = importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(
                                files.resolve("bad"),
                                List.of(
                                        "1,Toy Story Renamed (1995),Animation",
                                        "two,Jumanji (1995),Adventure",
                                        "3,Heat (1995),Action",
                                        "4, (1995),Drama",
                                        "3,Heat Again (1995),Action",
                                        "5,\"Unclosed (1995),Drama",
                                        "6,Too,Many,Fields",
                                        "7,Far Future (3021),Drama"),
                                List.of("1,0114709,862", "9,0000001,1", "3,tt0113277,949"))
                        .toString(),
                null));

        assertThat(report.refused()).isTrue();
        assertThat(report.rejected().stream().map(Object::toString))
                .containsExactly(
                        "movies.csv line 3: movieId must be a positive whole number, not 'two'",
                        "movies.csv line 5: the title must not be empty",
                        "movies.csv line 6: movieId 3 is already on line 4",
                        "movies.csv line 7: a quoted field is not closed",
                        "movies.csv line 8: expected 3 fields (movieId,title,genres), found 4",
                        "movies.csv line 9: the year must be between 1870 and 2100, not 3021",
                        "links.csv line 3: movieId 9 is not in movies.csv",
                        "links.csv line 4: imdbId must be digits, not 'tt0113277'");
        assertThat(report.summary()).contains("8 line(s) rejected; nothing was written");
        assertThat(CatalogFixture.rowVersions(jdbc))
                .as("the good lines of a refused file are not written either")
                .isEqualTo(before);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() {
        JdbcCatalogStore real = new JdbcCatalogStore(database.as(DatabaseRole.OPS));
        CatalogStore failingOnUpdate = () -> new FailingOnUpdate(real.begin());
        importing.importFrom(CatalogSources.open(
                CatalogFixture.catalog(files.resolve("v1"), List.of("1,Toy Story (1995),Animation"), List.of())
                        .toString(),
                null));
        Map<Long, String> before = CatalogFixture.rowVersions(jdbc);

        assertThatThrownBy(() -> new ImportingCatalog(failingOnUpdate)
                        .importFrom(CatalogSources.open(
                                CatalogFixture.catalog(
                                                files.resolve("v2"),
                                                List.of("1,Toy Story 2 (1999),Animation", "2,Jumanji (1995),Adventure"),
                                                List.of())
                                        .toString(),
                                null)))
                .hasMessage("the database went away");

        assertThat(CatalogFixture.rowVersions(jdbc))
                .as("the insert of movie 2, done before the update failed, was rolled back")
                .isEqualTo(before);
    }

    /** A real transaction whose update fails after its insert went through. */
    private record FailingOnUpdate(CatalogTransaction real) implements CatalogTransaction {
        @Override
        public Map<Long, CatalogMovie> lockExisting(Collection<Long> ids) {
            return real.lockExisting(ids);
        }

        @Override
        public void insert(List<CatalogMovie> movies) {
            real.insert(movies);
        }

        @Override
        public void update(List<CatalogMovie> movies) {
            throw new IllegalStateException("the database went away");
        }

        @Override
        public void commit() {
            real.commit();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
