package dev.movieratings.catalog;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An embedded, migrated database and catalog folders written for a test. */
public final class CatalogFixture {

    public static final Path MOVIELENS = Path.of("..", "data", "movielens-ml-latest-small");

    private CatalogFixture() {}

    /** An embedded database migrated as its owner, with every role's login (ops writes the catalog). */
    public record MigratedDatabase(EmbeddedDatabase server, DatabaseLogins logins) implements AutoCloseable {

        /** The superuser: fixtures, and reading back what was written. */
        public DataSource administrator() {
            return server.dataSource();
        }

        /** The ops role, which the catalog commands (CLI and ops Lambda) run as. */
        public DataSource ops() {
            return logins.dataSource(DatabaseRole.OPS);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    public static MigratedDatabase migratedDatabase() {
        EmbeddedDatabase database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        return new MigratedDatabase(database, logins);
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
