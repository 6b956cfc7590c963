package dev.movieratings.projection.maintenance.infrastructure;

import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import javax.sql.DataSource;

/** The maintenance use cases over this database's event table and projection tables. */
public final class JdbcProjectionMaintenance {

    private JdbcProjectionMaintenance() {}

    public static ProjectionMaintenance create(DataSource dataSource, RebuildSettings settings) {
        return new ProjectionMaintenance(
                new ProjectionRebuild(dataSource, settings),
                new ProjectionVerification(dataSource),
                new SimilarMoviesRefresh(dataSource));
    }

    public static ProjectionMaintenance create(DataSource dataSource) {
        return create(dataSource, RebuildSettings.DEFAULT);
    }
}
