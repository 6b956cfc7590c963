package dev.movieratings.query.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayTitleTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Godfather, The|The Godfather",
                "Misérables, Les|Les Misérables",
                "Walk in the Clouds, A|A Walk in the Clouds",
                "Awfully Big Adventure, An|An Awfully Big Adventure",
                "Hate (Haine, La)|Hate (La Haine)",
                "Postman, The (Postino, Il)|The Postman (Il Postino)",
                "City of Lost Children, The (Cité des enfants perdus, La)"
                        + "|The City of Lost Children (La Cité des enfants perdus)",
                "Boot, Das (Boat, The)|Das Boot (The Boat)",
                "Good, the Bad and the Ugly, The|The Good, the Bad and the Ugly",
                "Auberge espagnole, L'|L'Auberge espagnole",
                "Woman Is a Woman, A (femme est une femme, Une)|A Woman Is a Woman (Une femme est une femme)",
                "Vitelloni, I (a.k.a. The Young and the Passionate)|I Vitelloni (a.k.a. The Young and the Passionate)",
                "Toy Story|Toy Story",
                "Sex, Lies, and Videotape|Sex, Lies, and Videotape",
                "Crouching Tiger, Hidden Dragon (Wo hu cang long)|Crouching Tiger, Hidden Dragon (Wo hu cang long)",
                "Theory of Everything, The|The Theory of Everything",
                "Them, Then|Them, Then",
            })
    void putsMovieLensMovedArticlesBack(String movieLens, String shown) {
        assertThat(DisplayTitle.of(movieLens)).isEqualTo(shown);
    }
}
