package dev.movieratings.query.infrastructure;

import dev.movieratings.credentials.DatabaseSecret;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.DiaryQueries;
import dev.movieratings.query.application.DiscoveryQueries;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.application.PersonalQueries;
import dev.movieratings.query.application.TagQueries;
import dev.movieratings.query.http.MovieQueriesFunction;
import dev.movieratings.settings.FunctionSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class QueryApiConfiguration {

    /** Bound and checked before anything else is built: a bad value stops the start, naming the variable. */
    @Bean
    QuerySettings querySettings(Environment environment) {
        return FunctionSettings.bind(environment, QuerySettings.class);
    }

    @Bean
    MovieQueries queriesOverProjections(
            JdbcClient jdbc, QuerySettings settings, AverageVisibility averageVisibility, CursorSigningKey cursorKey) {
        return new MeteredMovieQueries(new JdbcMovieQueries(
                jdbc, settings.weightedRatingMinVotes(), averageVisibility.minimumRatings(), new Cursors(cursorKey)));
    }

    /** Read and checked at start-up (SnapStart snapshots it with the rest of the initialised function). */
    @Bean
    CursorSigningKey cursorSigningKey(QuerySettings settings) {
        if (settings.cursorSigningKeySecretArn().isBlank()) {
            return CursorSigningKey.configured(settings.cursorSigningKey(), settings.cursorSigningKeySecretArn(), null);
        }
        try (var secrets = DatabaseSecret.client(settings.secretsManagerEndpoint())) {
            return CursorSigningKey.configured(
                    settings.cursorSigningKey(), settings.cursorSigningKeySecretArn(), secrets);
        }
    }

    @Bean
    AverageVisibility averageVisibility(QuerySettings settings) {
        return new AverageVisibility(settings.minRatingsForAverage());
    }

    @Bean
    DiscoveryQueries discoveryQueries(JdbcClient jdbc, QuerySettings settings, AverageVisibility averageVisibility) {
        return new JdbcDiscoveryQueries(jdbc, settings.weightedRatingMinVotes(), averageVisibility.minimumRatings());
    }

    /** The diary (issue 20): the caller's entries, keyset paged with the same sealed cursors. */
    @Bean
    DiaryQueries diaryQueries(JdbcClient jdbc, CursorSigningKey cursorKey) {
        return new JdbcDiaryQueries(jdbc, new Cursors(cursorKey));
    }

    @Bean
    PersonalQueries personalQueries(JdbcClient jdbc, CursorSigningKey cursorKey) {
        return new JdbcPersonalQueries(jdbc, new Cursors(cursorKey));
    }

    @Bean
    MovieQueriesFunction movieQueries(
            MovieQueries queries,
            DiscoveryQueries discovery,
            AverageVisibility averageVisibility,
            DiaryQueries diary,
            PersonalQueries personal,
            TagQueries tags) {
        return new MovieQueriesFunction(
                queries, discovery, averageVisibility, diary, personal, tags, Clock.systemUTC());
    }

    /** Tags (issue 19): a film's top tags and the caller's own. */
    @Bean
    TagQueries tagQueries(JdbcClient jdbc) {
        return new JdbcTagQueries(jdbc);
    }

    /** Run by SnapStart's checkpoint hook on AWS (DatabaseCheckpointHooks), never on a request. */
    @Bean
    QueryWarmUp queryWarmUp(ObjectProvider<FunctionCatalog> catalog, JdbcClient jdbc) {
        return new QueryWarmUp(() -> catalog.getObject().lookup("movieQueries", "application/json"), jdbc);
    }
}
