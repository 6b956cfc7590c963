package dev.movieratings.catalog.application;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Corrects fields of one movie already in the catalog; fields not given stay as they are. */
public final class CorrectingMovie {

    /** The command as an operator gives it: only the fields to change are present. */
    public record CorrectMovie(
            @Nullable String id,
            Optional<String> title,
            Optional<Integer> year,
            Optional<List<String>> genres,
            Optional<String> imdbId,
            Optional<String> tmdbId) {}

    /** The movie before and after; {@code changed} is false when the correction equalled what was stored. */
    public record Corrected(CatalogMovie before, CatalogMovie after, boolean changed) {}

    private final CatalogStore store;

    public CorrectingMovie(CatalogStore store) {
        this.store = store;
    }

    public Corrected correct(CorrectMovie command) {
        long id = MovieRules.id(command.id());
        Optional<String> title = command.title().map(MovieRules::title);
        Optional<Integer> year = command.year().map(MovieRules::year);
        Optional<List<String>> genres = command.genres().map(MovieRules::genres);
        // an empty external id clears it, so these are checked here but applied from the command below
        String imdb = command.imdbId()
                .map(raw -> MovieRules.externalId("imdbId", raw))
                .orElse(null);
        String tmdb = command.tmdbId()
                .map(raw -> MovieRules.externalId("tmdbId", raw))
                .orElse(null);
        if (title.isEmpty()
                && year.isEmpty()
                && genres.isEmpty()
                && command.imdbId().isEmpty()
                && command.tmdbId().isEmpty()) {
            throw new CatalogRefusal("nothing to correct for movie " + id
                    + ": give at least one of title, year, genres, imdbId, tmdbId");
        }
        try (CatalogTransaction transaction = store.begin()) {
            CatalogMovie before = transaction.lockExisting(List.of(id)).get(id);
            if (before == null) {
                throw new CatalogRefusal("movie " + id + " is not in the catalog; use catalog add to add it");
            }
            CatalogMovie after = new CatalogMovie(
                    id,
                    title.orElse(before.title()),
                    year.isPresent() ? year.get() : before.year(),
                    genres.orElse(before.genres()),
                    command.imdbId().isPresent() ? imdb : before.imdbId(),
                    command.tmdbId().isPresent() ? tmdb : before.tmdbId());
            boolean changed = !after.equals(before);
            if (changed) {
                transaction.update(List.of(after));
                transaction.commit();
            }
            return new Corrected(before, after, changed);
        }
    }
}
