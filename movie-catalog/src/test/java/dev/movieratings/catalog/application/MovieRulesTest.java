package dev.movieratings.catalog.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MovieRulesTest {

    @Test
    void aMovieLensTitleGivesUpItsYearAndMovedArticlesStayAsWritten() {
        CatalogMovie movie = MovieRules.fromMovieLens("1", " Shawshank Redemption, The (1994) ", "Crime|Drama");

        assertThat(movie)
                .isEqualTo(
                        new CatalogMovie(1, "Shawshank Redemption, The", 1994, List.of("Crime", "Drama"), null, null));
    }

    @Test
    void aTitleWithoutAYearOrWithARangeAndNoGenresListedAreAccepted() {
        assertThat(MovieRules.fromMovieLens("2", "Babylon 5", "(no genres listed)"))
                .isEqualTo(new CatalogMovie(2, "Babylon 5", null, List.of(), null, null));
        assertThat(MovieRules.fromMovieLens("3", "Fawlty Towers (1975-1979)", "Comedy")
                        .year())
                .isEqualTo(1975);
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> MovieRules.id("0")).hasMessage("movieId must be a positive whole number, not '0'");
        assertThatThrownBy(() -> MovieRules.id("12x")).hasMessage("movieId must be a positive whole number, not '12x'");
        assertThatThrownBy(() -> MovieRules.year(1869)).hasMessage("the year must be between 1870 and 2100, not 1869");
        assertThatThrownBy(() -> MovieRules.genres(List.of("Drama", "Drama")))
                .hasMessage("the genre 'Drama' is listed twice");
        assertThatThrownBy(() -> MovieRules.fromMovieLens("4", "Heat (1995)", "Action||Crime"))
                .hasMessage("a genre must not be empty");
        assertThatThrownBy(() -> MovieRules.title("x".repeat(501)))
                .hasMessage("the title is 501 characters long; at most 500");
        assertThatThrownBy(() -> MovieRules.title("Bell\u0007")).hasMessageContaining("contains a control character");
        assertThatThrownBy(() -> MovieRules.externalId("tmdbId", "-5")).hasMessage("tmdbId must be digits, not '-5'");
        assertThat(MovieRules.externalId("tmdbId", " ")).isNull();
    }

    @Test
    void aFileWithAWrongHeaderIsRejectedAtLineOne() {
        CatalogValidation.Validated validated = CatalogValidation.validate(
                List.of(new CatalogRow(1, List.of("id", "name", "genres"), false)),
                List.of(new CatalogRow(1, List.of("movieId", "imdbId", "tmdbId"), false)));

        assertThat(validated.problems().stream().map(Object::toString))
                .containsExactly("movies.csv line 1: expected the header movieId,title,genres, found id,name,genres");
    }
}
