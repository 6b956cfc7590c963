package dev.movieratings.catalog.application;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every line of movies.csv and links.csv before anything is written, so one import reports all its
 * bad lines at once (by file and line number) instead of stopping at the first.
 */
final class CatalogValidation {

    static final String MOVIES = "movies.csv";
    static final String LINKS = "links.csv";
    private static final List<String> MOVIES_HEADER = List.of("movieId", "title", "genres");
    private static final List<String> LINKS_HEADER = List.of("movieId", "imdbId", "tmdbId");

    record Validated(List<CatalogMovie> movies, List<RowProblem> problems) {}

    private CatalogValidation() {}

    static Validated validate(List<CatalogRow> movieRows, List<CatalogRow> linkRows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<Long, CatalogMovie> movies = new LinkedHashMap<>();
        Map<Long, Integer> movieLines = new HashMap<>();
        for (CatalogRow row : body(MOVIES, movieRows, MOVIES_HEADER, problems)) {
            try {
                CatalogMovie movie = MovieRules.fromMovieLens(
                        row.fields().get(0), row.fields().get(1), row.fields().get(2));
                Integer earlier = movieLines.putIfAbsent(movie.id(), row.line());
                if (earlier != null) {
                    throw new CatalogRefusal("movieId " + movie.id() + " is already on line " + earlier);
                }
                movies.put(movie.id(), movie);
            } catch (CatalogRefusal refusal) {
                problems.add(new RowProblem(MOVIES, row.line(), refusal.getMessage()));
            }
        }
        Map<Long, Integer> linkLines = new HashMap<>();
        for (CatalogRow row : body(LINKS, linkRows, LINKS_HEADER, problems)) {
            try {
                long id = MovieRules.id(row.fields().get(0));
                String imdb = MovieRules.externalId("imdbId", row.fields().get(1));
                String tmdb = MovieRules.externalId("tmdbId", row.fields().get(2));
                Integer earlier = linkLines.putIfAbsent(id, row.line());
                if (earlier != null) {
                    throw new CatalogRefusal("movieId " + id + " is already on line " + earlier);
                }
                if (!movieLines.containsKey(id)) {
                    throw new CatalogRefusal("movieId " + id + " is not in " + MOVIES);
                }
                CatalogMovie movie = movies.get(id);
                if (movie != null) {
                    movies.put(id, movie.withLinks(imdb, tmdb));
                }
            } catch (CatalogRefusal refusal) {
                problems.add(new RowProblem(LINKS, row.line(), refusal.getMessage()));
            }
        }
        // each file's problems in line order, whichever check found them
        problems.sort(
                Comparator.comparing((RowProblem p) -> !p.file().equals(MOVIES)).thenComparingInt(RowProblem::line));
        return new Validated(List.copyOf(movies.values()), List.copyOf(problems));
    }

    /** The lines after the header that have the right number of fields; the others become problems. */
    private static List<CatalogRow> body(
            String file, List<CatalogRow> rows, List<String> header, List<RowProblem> problems) {
        if (rows.isEmpty()) {
            problems.add(new RowProblem(file, 1, "the file is empty; expected the header " + String.join(",", header)));
            return List.of();
        }
        CatalogRow first = rows.get(0);
        if (!first.fields().stream().map(String::strip).toList().equals(header)) {
            problems.add(new RowProblem(
                    file,
                    first.line(),
                    "expected the header " + String.join(",", header) + ", found " + String.join(",", first.fields())));
            return List.of();
        }
        List<CatalogRow> body = new ArrayList<>();
        for (CatalogRow row : rows.subList(1, rows.size())) {
            if (row.unterminatedQuote()) {
                problems.add(new RowProblem(file, row.line(), "a quoted field is not closed"));
            } else if (row.fields().size() != header.size()) {
                problems.add(new RowProblem(
                        file,
                        row.line(),
                        "expected " + header.size() + " fields (" + String.join(",", header) + "), found "
                                + row.fields().size()));
            } else {
                body.add(row);
            }
        }
        return body;
    }
}
