package dev.movieratings.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The form titles are searched in (migration V10): what MovieLens writes becomes what people type. */
class TitleSearchKeyIntegrationTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void startAndMigrate() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        DatabaseLogins.random(database.jdbcUrl()).migrate(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @ParameterizedTest(name = "{0} is searched as \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "Shawshank Redemption, The|the shawshank redemption",
                "Misérables, Les|les miserables",
                "Toy Story (1995)|toy story",
                "City of Lost Children, The (Cité des enfants perdus, La)"
                        + "|the city of lost children la cite des enfants perdus",
                "Hate (Haine, La)|hate la haine",
                "Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il)"
                        + "|the good the bad and the ugly il buono il brutto il cattivo",
                "Schindler's List|schindlers list",
                "Amelie (Fabuleux destin d'Amélie Poulain, Le)|amelie le fabuleux destin damelie poulain",
                "Cry, the Beloved Country|cry the beloved country",
                "Star Wars: Episode IV - A New Hope|star wars episode iv a new hope"
            })
    void titlesAreLowerCasedUnaccentedAndHaveTheirArticleInFront(String title, String expected) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement sql = connection.prepareStatement("select movie_search_key(?)")) {
            sql.setString(1, title);
            try (ResultSet result = sql.executeQuery()) {
                result.next();
                assertThat(result.getString(1)).isEqualTo(expected);
            }
        }
    }
}
