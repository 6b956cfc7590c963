package dev.movieratings.catalog.application;

/** Why one line of a catalog file was rejected. */
public record RowProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + " line " + line + ": " + message;
    }
}
