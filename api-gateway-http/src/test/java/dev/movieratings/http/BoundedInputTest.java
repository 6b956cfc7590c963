package dev.movieratings.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedInputTest {

    @ParameterizedTest
    @ValueSource(strings = {"4", "-4.5", "4.5e0", "45E-1", "1e99", "1E-099", "0.0000000001"})
    void numbersWithinTheDigitAndExponentBoundsFit(String number) {
        assertThat(JsonBodies.fits(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e100",
                "1e99999",
                "1e999999999",
                "1E+2147483648",
                "-1e-100",
                "123456789012345678901234567890123",
                "0.1234567890123456789012345678901234"
            })
    void numbersBeyondThemDoNot(String number) {
        assertThat(JsonBodies.fits(number)).isFalse();
    }

    @Test
    void anExcerptIsShortAndPrintableAscii() {
        assertThat(Excerpt.of("a\u0000b\u202Ec<script>")).isEqualTo("a?b?c<script>");
        assertThat(Excerpt.of("x".repeat(10_000))).isEqualTo("x".repeat(32) + "…");
    }

    @Test
    void aProblemCutsItsDetailAndTextExtensionsWhateverTheyQuote() {
        Problem problem = Problem.of("x", "X", 400, "d".repeat(100_000)).with("field", "f".repeat(100_000));
        assertThat(problem.detail()).hasSize(Problem.MAX_DETAIL);
        assertThat((String) problem.extensions().get("field")).hasSize(Problem.MAX_EXTENSION_TEXT);
        assertThat(HttpResponses.problem(problem).getBody().length()).isLessThan(2048);
        assertThat(Problem.unsupportedMediaType("t".repeat(10_000)).detail()).hasSizeLessThan(100);
        assertThat(Problem.unknownRoute("GET /" + "p".repeat(10_000)).detail()).hasSizeLessThan(100);
    }
}
