package dev.movieratings.catalog.application;

import org.jspecify.annotations.Nullable;

/** Why one line of a catalog file was rejected. */
public record RowProblem(String file, int line, @Nullable String message) {

    @Override
    public String toString() {
        return file + " line " + line + ": " + message;
    }
}
