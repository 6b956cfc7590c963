package dev.movieratings.catalog.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports a whole catalog idempotently: new movies are inserted, changed ones updated, equal ones left
 * untouched (not rewritten), and movies missing from the file kept (ratings may point at them). Every
 * line is validated first; one bad line and nothing is written.
 */
public final class ImportingCatalog {

    private final CatalogStore store;

    public ImportingCatalog(CatalogStore store) {
        this.store = store;
    }

    public ImportReport importFrom(CatalogSource source) {
        CatalogValidation.Validated validated = CatalogValidation.validate(source.movies(), source.links());
        if (!validated.problems().isEmpty()) {
            return new ImportReport(source.location(), 0, 0, 0, validated.problems());
        }
        List<CatalogMovie> movies = validated.movies();
        try (CatalogTransaction transaction = store.begin()) {
            Map<Long, CatalogMovie> existing = transaction.lockExisting(
                    movies.stream().map(CatalogMovie::id).toList());
            List<CatalogMovie> inserts = new ArrayList<>();
            List<CatalogMovie> updates = new ArrayList<>();
            for (CatalogMovie movie : movies) {
                CatalogMovie stored = existing.get(movie.id());
                if (stored == null) {
                    inserts.add(movie);
                } else if (!stored.equals(movie)) {
                    updates.add(movie);
                }
            }
            transaction.insert(inserts);
            transaction.update(updates);
            transaction.commit();
            int unchanged = movies.size() - inserts.size() - updates.size();
            return new ImportReport(source.location(), inserts.size(), updates.size(), unchanged, List.of());
        }
    }
}
