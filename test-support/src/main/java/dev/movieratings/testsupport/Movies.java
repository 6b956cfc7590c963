package dev.movieratings.testsupport;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The catalog rows a test rates: a few real MovieLens titles, or numbered ones. */
public final class Movies {

    private Movies() {}

    /** Toy Story (1), The Shawshank Redemption (318) and The Matrix (2571), as MovieLens writes them. */
    public static void classics(JdbcClient jdbc) {
        jdbc.sql("""
                        insert into movies (movie_id, title, release_year, genres) values
                            (1, 'Toy Story', 1995, '{Animation,Children}'),
                            (318, 'Shawshank Redemption, The', 1994, '{Crime,Drama}'),
                            (2571, 'Matrix, The', 1999, '{Action,Sci-Fi}')
                        on conflict (movie_id) do nothing""").update();
    }

    /** Movies {@code first} to {@code last}, titled "Movie n". */
    public static void numbered(JdbcClient jdbc, long first, long last) {
        jdbc.sql("""
                        insert into movies (movie_id, title)
                        select g, 'Movie ' || g from generate_series(?::bigint, ?::bigint) g
                        on conflict (movie_id) do nothing""").params(first, last).update();
    }
}
