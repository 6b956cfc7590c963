package dev.movieratings.local.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.catalog.infrastructure.CsvRows;
import dev.movieratings.events.MovieTagged;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** MovieLens tags.csv read as tag events (issue 19), from the file the seed imports. */
class MovieLensTagsTest {

    @Test
    void everyRowOfTheShippedFileBecomesOneTagEventWithItsStreamNumberedFromOne() throws IOException {
        List<CatalogRow> rows;
        try (InputStream in = MovieLensTagsTest.class.getResourceAsStream("/movielens/tags.csv")) {
            assertThat(in).as("tags.csv is on the runtime's classpath").isNotNull();
            List<CatalogRow> all = CsvRows.read(in);
            rows = all.subList(1, all.size());
        }

        MovieLensTags.Result result = MovieLensTags.read(rows);

        assertThat(rows).hasSize(3683);
        assertThat(result.tags().size() + result.skipped()).isEqualTo(rows.size());
        assertThat(result.skipped())
                .as("MovieLens's tags are all writable and distinct")
                .isLessThan(10);
        Map<String, Set<Integer>> versions = new HashMap<>();
        Set<String> keys = new HashSet<>();
        for (MovieLensTags.Imported tag : result.tags()) {
            MovieTagged event = tag.event();
            assertThat(event.userId()).startsWith("ml-");
            versions.computeIfAbsent(event.userId() + ":" + event.movieId(), k -> new HashSet<>())
                    .add(event.streamVersion());
            assertThat(keys.add(event.userId() + ":" + event.movieId() + ":"
                            + tag.text().key()))
                    .isTrue();
        }
        versions.values()
                .forEach(stream -> assertThat(stream)
                        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, stream.size())
                                .boxed()
                                .collect(Collectors.toSet())));
        assertThat(MovieLensTags.read(rows).tags())
                .as("ids derived, not random")
                .isEqualTo(result.tags());
    }

    @Test
    void aRowThatBreaksATagRuleOrRepeatsATagInAnotherCaseIsLeftOutAndCounted() {
        List<CatalogRow> rows = List.of(
                row("1", "10", "Funny", "100"),
                row("1", "10", "FUNNY", "101"),
                row("1", "10", "evil\u202E", "102"),
                row("1", "10", " ", "103"),
                row("1", "10", "dark", "104"));

        MovieLensTags.Result result = MovieLensTags.read(rows);

        assertThat(result.skipped()).isEqualTo(3);
        assertThat(result.tags()).extracting(tag -> tag.text().text()).containsExactly("Funny", "dark");
        assertThat(result.tags()).extracting(tag -> tag.event().streamVersion()).containsExactly(1, 2);
        assertThat(MovieLensTags.personalRows(result.tags()))
                .contains(",\"ml-1\",10,\"Funny\",\"funny\"\n")
                .isEqualTo(new String(
                        MovieLensTags.personalRows(result.tags()).getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8));
    }

    private static CatalogRow row(String... fields) {
        return new CatalogRow(0, List.of(fields), false);
    }
}
