package dev.movieratings.catalog.application;

/** The catalog's storage. Every change happens in one transaction, so a failed one leaves nothing behind. */
public interface CatalogStore {

    /** Starts a transaction that no other catalog change runs beside. */
    CatalogTransaction begin();
}
