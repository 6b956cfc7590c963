package dev.movieratings.catalog.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One transaction on the catalog. Closing it without {@link #commit()} undoes everything it did. */
public interface CatalogTransaction extends AutoCloseable {

    /** The movies among these ids that exist, locked until the transaction ends. */
    Map<Long, CatalogMovie> lockExisting(Collection<Long> ids);

    void insert(List<CatalogMovie> movies);

    /** Rewrites these movies, each of which exists and differs from what is stored. */
    void update(List<CatalogMovie> movies);

    void commit();

    @Override
    void close();
}
