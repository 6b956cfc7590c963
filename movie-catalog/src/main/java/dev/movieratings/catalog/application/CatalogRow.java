package dev.movieratings.catalog.application;

import java.util.List;

/**
 * One line of a catalog file as read, numbered from 1 (the header is line 1), before any validation.
 * {@code unterminatedQuote} marks a line whose quoted field never closed.
 */
public record CatalogRow(int line, List<String> fields, boolean unterminatedQuote) {

    public CatalogRow {
        fields = List.copyOf(fields);
    }
}
