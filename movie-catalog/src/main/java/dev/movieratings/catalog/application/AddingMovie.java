package dev.movieratings.catalog.application;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Adds one movie that is not in the catalog yet. */
public final class AddingMovie {

    /** The command as an operator gives it: raw values, checked here. */
    public record AddMovie(
            @Nullable String id,
            @Nullable String title,
            @Nullable Integer year,
            List<String> genres,
            @Nullable String imdbId,
            @Nullable String tmdbId) {}

    private final CatalogStore store;

    public AddingMovie(CatalogStore store) {
        this.store = store;
    }

    public CatalogMovie add(AddMovie command) {
        CatalogMovie movie = new CatalogMovie(
                MovieRules.id(command.id()),
                MovieRules.title(command.title()),
                MovieRules.year(command.year()),
                MovieRules.genres(command.genres()),
                MovieRules.externalId("imdbId", command.imdbId()),
                MovieRules.externalId("tmdbId", command.tmdbId()));
        try (CatalogTransaction transaction = store.begin()) {
            CatalogMovie existing =
                    transaction.lockExisting(List.of(movie.id())).get(movie.id());
            if (existing != null) {
                throw new CatalogRefusal("movie " + movie.id() + " is already in the catalog ('" + existing.title()
                        + "'); use catalog correct to change it");
            }
            transaction.insert(List.of(movie));
            transaction.commit();
            return movie;
        }
    }
}
