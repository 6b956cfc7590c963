package dev.movieratings.ops.cli;

import dev.movieratings.catalog.application.AddingMovie;
import dev.movieratings.catalog.application.CatalogMovie;
import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CorrectingMovie;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.catalog.infrastructure.CatalogSources;
import dev.movieratings.catalog.infrastructure.JdbcCatalogStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./ops.sh catalog import | add | correct}: the movies users can rate. */
@Command(
        name = "catalog",
        description = "The catalog of movies: import a MovieLens-format catalog, add or correct one movie.",
        subcommands = {CatalogCommands.Import.class, CatalogCommands.Add.class, CatalogCommands.Correct.class})
final class CatalogCommands {

    @CommandLine.ParentCommand
    OpsCli ops;

    JdbcCatalogStore store() {
        return new JdbcCatalogStore(ops.connection().dataSource());
    }

    @Command(
            name = "import",
            description = "Import movies.csv and links.csv (MovieLens format) from a folder, a movies.csv or an"
                    + " s3://bucket/key URI. Re-running changes nothing; changed titles and genres are updated;"
                    + " any bad line refuses the whole file (exit 1) and is reported with its line number.")
    static final class Import implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatalogCommands catalog;

        @Parameters(paramLabel = "<path|s3-uri>", description = "Where the catalog is.")
        String location;

        @Override
        public Integer call() {
            ImportReport report = refusalsAsFailures(() -> new ImportingCatalog(catalog.store())
                    .importFrom(CatalogSources.open(
                            location, () -> CatalogSources.s3FromEnvironment(catalog.ops.environment()))));
            report.rejected().forEach(problem -> System.out.println("REJECTED " + problem));
            System.out.println(report.summary());
            return report.refused() ? 1 : 0;
        }
    }

    @Command(name = "add", description = "Add one movie that is not in the catalog yet.")
    static final class Add implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatalogCommands catalog;

        @Option(names = "--id", required = true, description = "The movie's id (MovieLens movieId).")
        String id;

        @Option(names = "--title", required = true, description = "The title, without the year.")
        String title;

        @Option(names = "--year", description = "The release year.")
        Integer year;

        @Option(names = "--genres", split = ",", description = "Genres, comma-separated: --genres Comedy,Drama")
        List<String> genres = List.of();

        @Option(names = "--imdb-id", description = "IMDb id, digits as MovieLens writes them (0114709).")
        String imdbId;

        @Option(names = "--tmdb-id", description = "TMDB id, digits.")
        String tmdbId;

        @Override
        public Integer call() {
            CatalogMovie added = refusalsAsFailures(() -> new AddingMovie(catalog.store())
                    .add(new AddingMovie.AddMovie(id, title, year, genres(genres), imdbId, tmdbId)));
            System.out.println("Added " + describe(added));
            return 0;
        }
    }

    @Command(name = "correct", description = "Correct fields of one movie; fields not given stay as they are.")
    static final class Correct implements Callable<Integer> {
        @CommandLine.ParentCommand
        CatalogCommands catalog;

        @Option(names = "--id", required = true, description = "The movie's id.")
        String id;

        @Option(names = "--title", description = "The new title, without the year.")
        String title;

        @Option(names = "--year", description = "The new release year.")
        Integer year;

        @Option(names = "--genres", split = ",", description = "The new genres, comma-separated; \"\" for none.")
        List<String> genres;

        @Option(names = "--imdb-id", description = "The new IMDb id; \"\" removes it.")
        String imdbId;

        @Option(names = "--tmdb-id", description = "The new TMDB id; \"\" removes it.")
        String tmdbId;

        @Override
        public Integer call() {
            CorrectingMovie.Corrected corrected = refusalsAsFailures(() -> new CorrectingMovie(catalog.store())
                    .correct(new CorrectingMovie.CorrectMovie(
                            id,
                            Optional.ofNullable(title),
                            Optional.ofNullable(year),
                            Optional.ofNullable(genres).map(CatalogCommands::genres),
                            Optional.ofNullable(imdbId),
                            Optional.ofNullable(tmdbId))));
            System.out.println(
                    corrected.changed()
                            ? "Corrected " + describe(corrected.before()) + " to " + describe(corrected.after())
                            : "Unchanged " + describe(corrected.after()) + ": it already reads so");
            return 0;
        }
    }

    /** {@code --genres ""} arrives as one empty name and means no genres. */
    private static List<String> genres(List<String> given) {
        return given.size() == 1 && given.get(0).isBlank() ? List.of() : given;
    }

    private static String describe(CatalogMovie movie) {
        return String.format(
                "movie %d: %s (%s) [%s]",
                movie.id(),
                movie.title(),
                movie.year() == null ? "no year" : movie.year(),
                String.join(", ", movie.genres()));
    }

    private static <T> T refusalsAsFailures(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (CatalogRefusal refusal) {
            throw new OpsFailure(refusal.getMessage());
        }
    }
}
