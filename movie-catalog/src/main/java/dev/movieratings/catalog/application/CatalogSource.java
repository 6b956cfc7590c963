package dev.movieratings.catalog.application;

import java.util.List;

/** Where a catalog comes from: a MovieLens-format movies.csv and links.csv, read whole. */
public interface CatalogSource {

    /** For messages: the folder, file or S3 URI the catalog is read from. */
    String location();

    /** Every line of movies.csv, the header included. Throws {@link CatalogRefusal} if it cannot be read. */
    List<CatalogRow> movies();

    /** Every line of links.csv, the header included. Throws {@link CatalogRefusal} if it cannot be read. */
    List<CatalogRow> links();
}
