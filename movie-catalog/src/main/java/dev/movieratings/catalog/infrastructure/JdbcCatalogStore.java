package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogMovie;
import dev.movieratings.catalog.application.CatalogStore;
import dev.movieratings.catalog.application.CatalogTransaction;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The catalog in PostgreSQL's {@code movies} table. Rows travel as arrays (one statement for thousands of
 * movies); genres as one '|'-joined string each, since a genre name never holds '|'. The search key is a
 * generated column of the title, so an updated title is searchable under its new name at once.
 */
public final class JdbcCatalogStore implements CatalogStore {

    /** Serialises catalog changes: two imports at once would otherwise both insert the same new movie. */
    static final long CATALOG_LOCK = 0x6d6f766965L;

    private static final String LOCK = "select pg_advisory_xact_lock(?)";
    private static final String FIND = """
            select movie_id, title, release_year, genres, imdb_id, tmdb_id
            from movies
            where movie_id = any(?)
            for update
            """;
    private static final String INSERT = """
            insert into movies (movie_id, title, release_year, genres, imdb_id, tmdb_id)
            select id, title, year, coalesce(string_to_array(nullif(genres, ''), '|'), '{}'), imdb, tmdb
            from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[])
                as m(id, title, year, genres, imdb, tmdb)
            """;
    private static final String UPDATE = """
            update movies
            set title = m.title,
                release_year = m.year,
                genres = coalesce(string_to_array(nullif(m.genres, ''), '|'), '{}'),
                imdb_id = m.imdb,
                tmdb_id = m.tmdb
            from unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[])
                as m(id, title, year, genres, imdb, tmdb)
            where movies.movie_id = m.id
            """;

    private final DataSource dataSource;

    public JdbcCatalogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public CatalogTransaction begin() {
        try {
            Connection connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                    lock.setLong(1, CATALOG_LOCK);
                    lock.execute();
                }
                return new Transaction(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not start a catalog transaction", e);
        }
    }

    private static final class Transaction implements CatalogTransaction {

        private final Connection connection;
        private boolean committed;

        Transaction(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Map<Long, CatalogMovie> lockExisting(Collection<Long> ids) {
            Map<Long, CatalogMovie> found = new HashMap<>();
            try (PreparedStatement find = connection.prepareStatement(FIND)) {
                find.setArray(1, connection.createArrayOf("bigint", ids.toArray(Long[]::new)));
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Integer year = rs.getObject(3, Integer.class);
                        List<String> genres =
                                Arrays.asList((String[]) rs.getArray(4).getArray());
                        found.put(
                                id,
                                new CatalogMovie(id, rs.getString(2), year, genres, rs.getString(5), rs.getString(6)));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the catalog", e);
            }
        }

        @Override
        public void insert(List<CatalogMovie> movies) {
            write(INSERT, movies);
        }

        @Override
        public void update(List<CatalogMovie> movies) {
            write(UPDATE, movies);
        }

        private void write(String sql, List<CatalogMovie> movies) {
            if (movies.isEmpty()) {
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setArray(
                        1, array("bigint", movies.stream().map(CatalogMovie::id).toArray()));
                statement.setArray(
                        2,
                        array("text", movies.stream().map(CatalogMovie::title).toArray()));
                statement.setArray(
                        3,
                        array("integer", movies.stream().map(CatalogMovie::year).toArray()));
                statement.setArray(
                        4,
                        array(
                                "text",
                                movies.stream()
                                        .map(m -> String.join("|", m.genres()))
                                        .toArray()));
                statement.setArray(
                        5,
                        array("text", movies.stream().map(CatalogMovie::imdbId).toArray()));
                statement.setArray(
                        6,
                        array("text", movies.stream().map(CatalogMovie::tmdbId).toArray()));
                int written = statement.executeUpdate();
                if (written != movies.size()) {
                    throw new IllegalStateException("wrote " + written + " catalog rows, expected " + movies.size());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the catalog", e);
            }
        }

        private Array array(String type, Object[] values) throws SQLException {
            return connection.createArrayOf(type, values);
        }

        @Override
        public void commit() {
            try {
                connection.commit();
                committed = true;
            } catch (SQLException e) {
                throw new IllegalStateException("could not commit the catalog change", e);
            }
        }

        @Override
        public void close() {
            try (connection) {
                if (!committed) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not end the catalog transaction", e);
            }
        }
    }
}
