package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.catalog.application.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A catalog on disk: a folder holding movies.csv and links.csv, or the movies.csv with links.csv beside it. */
final class FolderCatalogSource implements CatalogSource {

    private final Path movies;
    private final Path links;

    FolderCatalogSource(Path location) {
        if (!Files.exists(location)) {
            throw new CatalogRefusal("no catalog at " + location
                    + ": expected a folder holding movies.csv and links.csv, or a movies.csv");
        }
        Path folder = Files.isDirectory(location)
                ? location
                : Objects.requireNonNull(location.toAbsolutePath().getParent(), "a file lies in a folder");
        this.movies = Files.isDirectory(location) ? location.resolve("movies.csv") : location;
        this.links = folder.resolve("links.csv");
    }

    @Override
    public String location() {
        return movies.getParent() == null
                ? movies.toString()
                : movies.getParent().toString();
    }

    @Override
    public List<CatalogRow> movies() {
        return read(movies);
    }

    @Override
    public List<CatalogRow> links() {
        return read(links);
    }

    private static List<CatalogRow> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return CsvRows.read(in);
        } catch (NoSuchFileException e) {
            throw new CatalogRefusal("no catalog file " + file);
        } catch (IOException e) {
            throw new CatalogRefusal("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
