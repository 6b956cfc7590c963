package dev.movieratings.catalog;

import dev.movieratings.testsupport.MigratedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An embedded, migrated database and catalog folders written for a test. */
public final class CatalogFixture {

    public static final Path MOVIELENS = Path.of("..", "data", "movielens-ml-latest-small");

    private CatalogFixture() {}

    public static MigratedDatabase migratedDatabase() {
        return MigratedDatabase.start();
    }

    /** A folder with movies.csv and links.csv holding exactly these lines after their headers. */
    public static Path catalog(Path folder, List<String> movieLines, List<String> linkLines) {
        try {
            Files.createDirectories(folder);
            Files.writeString(
                    folder.resolve("movies.csv"), lines("movieId,title,genres", movieLines), StandardCharsets.UTF_8);
            Files.writeString(
                    folder.resolve("links.csv"), lines("movieId,imdbId,tmdbId", linkLines), StandardCharsets.UTF_8);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lines(String header, List<String> lines) {
        return header + "\n" + String.join("\n", lines) + "\n";
    }

    /**
     * Every catalog row with its row version (xmin): equal snapshots mean no row was inserted, deleted
     * or rewritten in between, not merely that the values came out the same.
     */
    public static Map<Long, String> rowVersions(JdbcClient jdbc) {
        Map<Long, String> rows = new LinkedHashMap<>();
        jdbc.sql("select movie_id, xmin::text || ' ' || title || ' ' || coalesce(release_year::text, '-') || ' '"
                        + " || genres::text || ' ' || coalesce(imdb_id, '-') || ' ' || coalesce(tmdb_id, '-')"
                        + " from movies order by movie_id")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(entry -> rows.put(entry.getKey(), entry.getValue()));
        return rows;
    }
}
