package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.catalog.application.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A catalog shipped inside a jar (the local runtime's MovieLens seed). */
final class ClasspathCatalogSource implements CatalogSource {

    private final String folder;

    ClasspathCatalogSource(String folder) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    @Override
    public String location() {
        return "classpath:" + folder;
    }

    @Override
    public List<CatalogRow> movies() {
        return read("movies.csv");
    }

    @Override
    public List<CatalogRow> links() {
        return read("links.csv");
    }

    private List<CatalogRow> read(String name) {
        try (InputStream in = ClasspathCatalogSource.class.getResourceAsStream(folder + name)) {
            if (in == null) {
                throw new CatalogRefusal("no catalog file " + name + " on the classpath under " + folder);
            }
            return CsvRows.read(in);
        } catch (IOException e) {
            throw new CatalogRefusal("could not read " + folder + name + ": " + e.getMessage(), e);
        }
    }
}
