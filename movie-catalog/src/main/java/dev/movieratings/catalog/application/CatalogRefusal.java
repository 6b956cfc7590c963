package dev.movieratings.catalog.application;

/** A catalog command refused for a bad value or an unreadable source; the message names what was wrong. */
public final class CatalogRefusal extends RuntimeException {

    public CatalogRefusal(String message) {
        super(message);
    }

    public CatalogRefusal(String message, Throwable cause) {
        super(message, cause);
    }
}
