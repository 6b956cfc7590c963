package dev.movieratings.local.seed;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Seeds a fresh database with MovieLens ml-latest-small (GroupLens; research and demo use only, see
 * its README.txt): movies into the catalog, and every rating as a RatingSubmitted event of user
 * {@code ml-<userId>} at the rating's own time. Event ids are derived from (user, movie), so an
 * interrupted import can be run again without doubling anything. The events are marked published:
 * the projections are built from the event table directly, not by sending 100,836 messages.
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

    public record Report(int movies, int ratings, Duration took) {}

    public boolean alreadyImported() {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("select exists (select 1 from movies)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the catalog", e);
        }
    }

    public Report importAll() {
        long started = System.nanoTime();
        List<MovieLensCsv.Movie> movies = new ArrayList<>();
        MovieLensCsv.read(resource("movies.csv"), row -> movies.add(MovieLensCsv.movie(row)));
        Map<Long, String[]> links = new HashMap<>();
        MovieLensCsv.read(
                resource("links.csv"),
                row -> links.put(Long.parseLong(row.get(0)), new String[] {row.get(1), row.get(2)}));
        List<RatingSubmitted> ratings = new ArrayList<>();
        MovieLensCsv.read(resource("ratings.csv"), row -> {
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
                    null));
        });
        ratings.sort(Comparator.comparing(RatingSubmitted::occurredAt)
                .thenComparing(RatingSubmitted::userId)
                .thenComparingLong(RatingSubmitted::movieId));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder catalog = new StringBuilder();
            for (MovieLensCsv.Movie movie : movies) {
                String[] link = links.getOrDefault(movie.id(), new String[] {"", ""});
                catalog.append(movie.id())
                        .append(',')
                        .append(csv(movie.title()))
                        .append(',')
                        .append(movie.year() == null ? "" : movie.year())
                        .append(',')
                        .append(csv(
                                movie.genres().isEmpty()
                                        ? "{}"
                                        : "{"
                                                + String.join(
                                                        ",",
                                                        movie.genres().stream()
                                                                .map(g -> "\"" + g + "\"")
                                                                .toList())
                                                + "}"))
                        .append(',')
                        .append(link[0])
                        .append(',')
                        .append(link[1])
                        .append('\n');
            }
            copy.copyIn(
                    "copy movies (movie_id, title, release_year, genres, imdb_id, tmdb_id) from stdin with (format csv)",
                    new StringReader(catalog.toString()));
            StringBuilder users = new StringBuilder();
            ratings.stream()
                    .map(RatingSubmitted::userId)
                    .distinct()
                    .forEach(user -> users.append(user)
                            .append(",MovieLens user ")
                            .append(user.substring(3))
                            .append('\n'));
            copy.copyIn(
                    "copy users (user_id, display_name) from stdin with (format csv)",
                    new StringReader(users.toString()));
            EventCopy.append(connection, ratings);
            try (var statement = connection.createStatement()) {
                statement.executeUpdate(MARK_PUBLISHED);
            }
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("MovieLens import failed; nothing was kept", e);
        }
        return new Report(movies.size(), ratings.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
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
