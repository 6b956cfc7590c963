package dev.movieratings.ops.lambda;

import dev.movieratings.catalog.application.AddingMovie;
import dev.movieratings.catalog.application.CatalogMovie;
import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CorrectingMovie;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.catalog.infrastructure.CatalogSources;
import dev.movieratings.catalog.infrastructure.JdbcCatalogStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ops Lambda's catalog actions: {"action":"catalog-import","source":"s3://bucket/key"},
 * {"action":"catalog-add","id":…,"title":…,"year":…,"genres":[…],"imdbId":…,"tmdbId":…} and
 * {"action":"catalog-correct","id":…, and only the fields to change}. A refused request answers
 * {"error": why} and changes nothing.
 */
final class CatalogOps {

    static final List<String> ACTIONS = List.of("catalog-import", "catalog-add", "catalog-correct");
    private static final int PROBLEMS_SHOWN = 100;

    private final JdbcCatalogStore store;
    private final Supplier<S3Client> s3;

    /** @param settings looks a setting up by its environment variable name (Spring's Environment on Lambda) */
    CatalogOps(DataSource dataSource, Function<String, @Nullable String> settings) {
        this.store = new JdbcCatalogStore(dataSource);
        this.s3 = () -> {
            Map<String, String> environment = new HashMap<>();
            for (String name : List.of("AWS_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3")) {
                String value = settings.apply(name);
                if (value != null) {
                    environment.put(name, value);
                }
            }
            return CatalogSources.s3FromEnvironment(environment);
        };
    }

    Map<String, Object> handle(String action, Map<String, Object> request) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            switch (action) {
                case "catalog-import" -> {
                    ImportReport report =
                            new ImportingCatalog(store).importFrom(CatalogSources.open(text(request, "source"), s3));
                    answer.put("inserted", report.inserted());
                    answer.put("updated", report.updated());
                    answer.put("unchanged", report.unchanged());
                    answer.put("rejected", report.rejected().size());
                    answer.put(
                            "problems",
                            report.rejected().stream()
                                    .limit(PROBLEMS_SHOWN)
                                    .map(Object::toString)
                                    .toList());
                    answer.put("summary", report.summary());
                }
                case "catalog-add" ->
                    answer.put(
                            "added",
                            view(new AddingMovie(store)
                                    .add(new AddingMovie.AddMovie(
                                            text(request, "id"),
                                            text(request, "title"),
                                            year(request.get("year")),
                                            genres(request.get("genres")).orElse(List.of()),
                                            text(request, "imdbId"),
                                            text(request, "tmdbId")))));
                case "catalog-correct" -> {
                    CorrectingMovie.Corrected corrected = new CorrectingMovie(store)
                            .correct(new CorrectingMovie.CorrectMovie(
                                    text(request, "id"),
                                    Optional.ofNullable(text(request, "title")),
                                    Optional.ofNullable(year(request.get("year"))),
                                    genres(request.get("genres")),
                                    Optional.ofNullable(text(request, "imdbId")),
                                    Optional.ofNullable(text(request, "tmdbId"))));
                    answer.put("changed", corrected.changed());
                    answer.put("before", view(corrected.before()));
                    answer.put("after", view(corrected.after()));
                }
                default -> throw new CatalogRefusal("unknown catalog action " + action);
            }
        } catch (CatalogRefusal refusal) {
            answer.clear();
            answer.put("error", refusal.getMessage());
        }
        return answer;
    }

    private static @Nullable String text(Map<String, Object> request, String field) {
        Object value = request.get(field);
        return value == null ? null : value.toString();
    }

    private static @Nullable Integer year(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer year) {
            return year;
        }
        throw new CatalogRefusal("year must be a whole number, not " + value);
    }

    private static Optional<List<String>> genres(@Nullable Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(list.stream().map(String.class::cast).toList());
        }
        throw new CatalogRefusal("genres must be a list of names, not " + value);
    }

    private static Map<String, Object> view(CatalogMovie movie) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", movie.id());
        view.put("title", movie.title());
        view.put("year", movie.year());
        view.put("genres", movie.genres());
        view.put("imdbId", movie.imdbId());
        view.put("tmdbId", movie.tmdbId());
        return view;
    }
}
