package dev.movieratings.local.seed;

import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.catalog.infrastructure.CatalogSources;
import dev.movieratings.catalog.infrastructure.CsvRows;
import dev.movieratings.catalog.infrastructure.JdbcCatalogStore;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.EventCopy;
import dev.movieratings.rating.Stars;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Seeds a fresh database with MovieLens ml-latest-small (GroupLens; research and demo use only, see
 * its README.txt): movies into the catalog through the catalog import, and every rating as a
 * RatingSubmitted event of user {@code ml-<userId>} at the rating's own time. Event ids are derived
 * from (user, movie), so an interrupted import can be run again without doubling anything. The events
 * are marked published: the projections are built from the event table directly, not by sending
 * 100,836 messages. Its tags.csv follows as tag events of the same users ({@link MovieLensTags}).
 */
public final class MovieLensImport {

    private static final String DATASET = "/movielens/";
    private static final String MARK_PUBLISHED = """
            insert into event_publications (position, event_id, published_at)
            select position, event_id, now() from rating_events""";

    private final DataSource dataSource;

    public MovieLensImport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param tags the tag events imported (issue 19); {@code tagsSkipped} rows broke a tag rule or repeated one */
    public record Report(int movies, int ratings, int tags, int tagsSkipped, Duration took) {}

    /** The ratings are the seed's last step: once there are events, the seed is done (or the runtime in use). */
    public boolean alreadyImported() {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("select exists (select 1 from rating_events)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the catalog", e);
        }
    }

    public Report importAll() {
        long started = System.nanoTime();
        // the movies go in through the catalog import ops use, in their own transaction: idempotent, so a
        // seed interrupted before its ratings were committed is simply run again
        ImportReport catalog =
                new ImportingCatalog(new JdbcCatalogStore(dataSource)).importFrom(CatalogSources.classpath(DATASET));
        if (catalog.refused()) {
            throw new IllegalStateException("the MovieLens catalog was refused: " + catalog.rejected());
        }
        List<RatingSubmitted> ratings = new ArrayList<>();
        for (CatalogRow line : rows("ratings.csv")) {
            List<String> row = line.fields();
            String user = "ml-" + row.get(0);
            long movie = Long.parseLong(row.get(1));
            Instant at = Instant.ofEpochSecond(Long.parseLong(row.get(3)));
            UUID id = UUID.nameUUIDFromBytes(("movielens:" + user + ":" + movie).getBytes(StandardCharsets.UTF_8));
            ratings.add(new RatingSubmitted(
                    id,
                    user,
                    movie,
                    1,
                    at,
                    Stars.of(Double.parseDouble(row.get(2))).value(),
                    null,
                    at,
                    null,
                    RatingSubmitted.IMPORT));
        }
        ratings.sort(Comparator.comparing(RatingSubmitted::occurredAt)
                .thenComparing(RatingSubmitted::userId)
                .thenComparingLong(RatingSubmitted::movieId));

        MovieLensTags.Result tags = MovieLensTags.read(rows("tags.csv"));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder users = new StringBuilder();
            Stream.concat(
                            ratings.stream().map(RatingSubmitted::userId),
                            tags.tags().stream().map(tag -> tag.event().userId()))
                    .distinct()
                    .forEach(user -> users.append(user).append('\n'));
            copy.copyIn("copy users (user_id) from stdin with (format csv)", new StringReader(users.toString()));
            EventCopy.append(connection, ratings);
            // the tags (issue 19) after the ratings, their texts in the personal store, in the same transaction
            EventCopy.append(
                    connection,
                    tags.tags().stream().map(MovieLensTags.Imported::event).toList());
            copy.copyIn(
                    "copy personal.tags (tag_id, user_id, movie_id, text, key) from stdin with (format csv)",
                    new StringReader(MovieLensTags.personalRows(tags.tags())));
            try (var statement = connection.createStatement()) {
                statement.executeUpdate(MARK_PUBLISHED);
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("MovieLens ratings import failed; no rating was kept", e);
        }
        int movies = catalog.inserted() + catalog.updated() + catalog.unchanged();
        return new Report(
                movies,
                ratings.size(),
                tags.tags().size(),
                tags.skipped(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static List<CatalogRow> rows(String file) {
        try (InputStream in = resource(file)) {
            List<CatalogRow> rows = CsvRows.read(in);
            return rows.subList(1, rows.size()); // the header line
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = MovieLensImport.class.getResourceAsStream(DATASET + name);
        if (in == null) {
            throw new UncheckedIOException(
                    new IOException("the MovieLens file " + name + " is not on the classpath under " + DATASET));
        }
        return in;
    }
}
