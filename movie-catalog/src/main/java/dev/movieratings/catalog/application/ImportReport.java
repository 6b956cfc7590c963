package dev.movieratings.catalog.application;

import java.util.List;

/**
 * What an import did. With any rejected line nothing is written: {@code inserted}, {@code updated} and
 * {@code unchanged} are then 0 and {@code rejected} names every bad line.
 */
public record ImportReport(String location, int inserted, int updated, int unchanged, List<RowProblem> rejected) {

    public ImportReport {
        rejected = List.copyOf(rejected);
    }

    public boolean refused() {
        return !rejected.isEmpty();
    }

    public String summary() {
        return refused()
                ? String.format(
                        "Catalog %s refused: %d line(s) rejected; nothing was written", location, rejected.size())
                : String.format(
                        "Catalog %s: %d inserted, %d updated, %d unchanged, 0 rejected",
                        location, inserted, updated, unchanged);
    }
}
