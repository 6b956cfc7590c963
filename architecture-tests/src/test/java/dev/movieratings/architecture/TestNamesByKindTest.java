package dev.movieratings.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A test's name says what it needs: {@code *Test} runs in memory (no database, queue, server, browser or
 * process), {@code *IntegrationTest} runs against real PostgreSQL, ElasticMQ, HTTP or a local runtime,
 * {@code *BrowserTest} drives Chromium, {@code *LambdaTest} runs the packaged jars through the Lambda
 * runtime interface client. Someone choosing what to run before a commit can go by the name.
 */
class TestNamesByKindTest {

    /** What a test that touches a real part uses; a fast test imports none of these. */
    static final Pattern REAL_PARTS = Pattern.compile(
            "^import (static )?(dev\\.movieratings\\.embedded\\.|dev\\.movieratings\\.local\\.LocalRuntime"
                    + "|dev\\.movieratings\\.testsupport\\.|com\\.github\\.tomakehurst\\.wiremock"
                    + "|java\\.net\\.http\\.|javax?\\.sql\\.|org\\.springframework\\.jdbc|io\\.zonky"
                    + "|org\\.openqa\\.selenium|com\\.sun\\.net\\.httpserver)",
            Pattern.MULTILINE);

    static final Pattern KIND = Pattern.compile("(IntegrationTest|BrowserTest|LambdaTest|Test)$");

    @Test
    void everyTestClassEndsInOneOfTheFourKinds() {
        assertThat(testClasses())
                .filteredOn(TestNamesByKindTest::holdsTests)
                .as("test classes named otherwise (UnitTest, IT, Tests, ...)")
                .allSatisfy(file -> assertThat(name(file))
                        .matches(".*[a-z0-9](IntegrationTest|BrowserTest|LambdaTest|Test)$")
                        .doesNotEndWith("UnitTest"));
    }

    @Test
    void aTestNamedFastTouchesNoRealPart() {
        assertThat(testClasses())
                .filteredOn(TestNamesByKindTest::holdsTests)
                .filteredOn(file -> kind(file).equals("Test"))
                .as("*Test classes that use a database, queue, HTTP server, browser or local runtime")
                .noneMatch(TestNamesByKindTest::touchesRealParts);
    }

    @Test
    void theScanTellsTheKindsApart() {
        assertThat(REAL_PARTS
                        .matcher("import dev.movieratings.embedded.EmbeddedDatabase;")
                        .find())
                .isTrue();
        assertThat(REAL_PARTS.matcher("import java.net.http.HttpClient;").find())
                .isTrue();
        assertThat(REAL_PARTS
                        .matcher("import org.springframework.jdbc.core.JdbcTemplate;")
                        .find())
                .isTrue();
        assertThat(REAL_PARTS.matcher("import dev.movieratings.rating.Stars;").find())
                .isFalse();
        assertThat(KIND.matcher("VerifyIntegrationTest").results().map(m -> m.group(1)))
                .containsExactly("IntegrationTest");
    }

    private static boolean holdsTests(Path file) {
        String source = read(file);
        return source.contains("@Test") || source.contains("@ParameterizedTest") || source.contains("@TestFactory");
    }

    private static boolean touchesRealParts(Path file) {
        return REAL_PARTS.matcher(read(file)).find();
    }

    private static String kind(Path file) {
        var matcher = KIND.matcher(name(file));
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String name(Path file) {
        return file.getFileName().toString().replace(".java", "");
    }

    private static List<Path> testClasses() {
        return SourceFiles.under("src/test/java", 50);
    }

    private static String read(Path file) {
        return SourceFiles.read(file);
    }
}
