package dev.movieratings.command.infrastructure;

import dev.movieratings.command.application.Catalog;
import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcCatalog implements Catalog {

    private final JdbcClient jdbc;

    JdbcCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean movieExists(long movieId) {
        return jdbc.sql("select exists (select 1 from movies where movie_id = ?)")
                .param(movieId)
                .query(Boolean.class)
                .single();
    }
}
