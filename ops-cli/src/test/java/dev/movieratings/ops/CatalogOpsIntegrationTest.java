package dev.movieratings.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.ops.cli.OpsCommandLine;
import dev.movieratings.ops.lambda.ProjectionOpsApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The catalog commands as an operator runs them: the command line, and the ops Lambda through FunctionInvoker. */
class CatalogOpsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;

    @TempDir
    static Path files;

    @BeforeAll
    static void start() throws IOException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        // as the local runtime writes it: the command line connects as the ops role
        Files.writeString(
                files.resolve("runtime.properties"),
                "jdbc.url=" + database.jdbcUrl() + "\njdbc.user=" + DatabaseRole.OPS.roleName() + "\njdbc.password="
                        + logins.password(DatabaseRole.OPS) + "\nsqs.endpoint=http://127.0.0.1:9\n");
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theCommandLineImportsAddsAndCorrectsAndPrintsWhatItDid() throws IOException {
        Path catalog = catalog("cli", "movieId,title,genres\n10,GoldenEye (1995),Action|Thriller\n");

        Run first = ops("catalog", "import", catalog.toString());
        Run second = ops("catalog", "import", catalog.toString());
        Run added = ops("catalog", "add", "--id", "11", "--title", "Balto", "--year", "1995", "--genres", "Animation");
        Run corrected = ops("catalog", "correct", "--id", "11", "--title", "Balto: The Legend");

        assertThat(first.exit()).isZero();
        assertThat(first.out()).contains(": 1 inserted, 0 updated, 0 unchanged, 0 rejected");
        assertThat(second.out()).contains(": 0 inserted, 0 updated, 1 unchanged, 0 rejected");
        assertThat(added.out()).contains("Added movie 11: Balto (1995) [Animation]");
        assertThat(corrected.out())
                .contains("Corrected movie 11: Balto (1995) [Animation] to movie 11: Balto: The Legend");
        assertThat(jdbc.sql("select title from movies where movie_id = 11")
                        .query(String.class)
                        .single())
                .isEqualTo("Balto: The Legend");
    }

    @Test
    void theCommandLineRefusesABadFileWithItsLineNumbersAndABadValueByName() throws IOException {
        Path catalog = catalog("bad", "movieId,title,genres\n20,Sabrina (1995),Comedy\nx,Tom and Huck (1995),Drama\n");

        Run refused = ops("catalog", "import", catalog.toString());
        Run badYear = ops("catalog", "add", "--id", "21", "--title", "Nixon", "--year", "1066");
        Run missing = ops("catalog", "import", files.resolve("nowhere").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out())
                .contains("REJECTED movies.csv line 3: movieId must be a positive whole number, not 'x'")
                .contains("refused: 1 line(s) rejected; nothing was written");
        assertThat(badYear.exit()).isEqualTo(2);
        assertThat(badYear.err()).contains("ops: the year must be between 1870 and 2100, not 1066");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("ops: no catalog at " + files.resolve("nowhere") + ": expected a folder");
        assertThat(jdbc.sql("select count(*) from movies where movie_id in (20, 21)")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theOpsLambdaImportsAndCorrectsThroughFunctionInvoker() throws IOException {
        Path catalog = catalog("lambda", "movieId,title,genres\n30,Casino (1995),Crime|Drama\n");
        LocalLambda opsLambda = LocalLambda.start(
                ProjectionOpsApplication.class, "projectionOps", logins.springDataSource(DatabaseRole.OPS));

        JsonNode imported = JSON.readTree(opsLambda.invoke(
                JSON.writeValueAsString(java.util.Map.of("action", "catalog-import", "source", catalog.toString()))));
        JsonNode corrected = JSON.readTree(
                opsLambda.invoke("{\"action\":\"catalog-correct\",\"id\":30,\"genres\":[\"Crime\"],\"year\":1995}"));
        JsonNode refused =
                JSON.readTree(opsLambda.invoke("{\"action\":\"catalog-add\",\"id\":30,\"title\":\"Casino\"}"));
        JsonNode noId = JSON.readTree(opsLambda.invoke("{\"action\":\"catalog-add\",\"title\":\"Heat\"}"));
        JsonNode noTitle = JSON.readTree(opsLambda.invoke("{\"action\":\"catalog-add\",\"id\":31}"));
        JsonNode noAction = JSON.readTree(opsLambda.invoke("{\"action\":7}"));

        assertThat(imported.get("inserted").asInt()).isEqualTo(1);
        assertThat(imported.get("rejected").asInt()).isZero();
        assertThat(corrected.get("changed").asBoolean()).isTrue();
        assertThat(corrected.get("after").get("genres").toString()).isEqualTo("[\"Crime\"]");
        assertThat(refused.get("error").asString())
                .isEqualTo("movie 30 is already in the catalog ('Casino'); use catalog correct to change it");
        assertThat(noId.get("error").asString()).isEqualTo("movieId is required");
        assertThat(noTitle.get("error").asString()).isEqualTo("the title must not be empty");
        assertThat(noAction.get("error").asString())
                .startsWith("action must be one of rebuild,")
                .endsWith("; not 7");
    }

    private static Path catalog(String name, String movies) throws IOException {
        Path folder = Files.createDirectories(files.resolve(name));
        Files.writeString(folder.resolve("movies.csv"), movies);
        Files.writeString(folder.resolve("links.csv"), "movieId,imdbId,tmdbId\n");
        return folder;
    }

    private record Run(int exit, String out, String err) {}

    private static synchronized Run ops(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = "--local-data";
            all[1] = files.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            int exit = OpsCommandLine.run(all);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
