package dev.movieratings.query.infrastructure;

import dev.movieratings.credentials.DatabaseSecret;
import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.query.application.MovieQueries;
import dev.movieratings.query.http.MovieQueriesFunction;
import dev.movieratings.rating.projection.WeightedRating;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class QueryApiConfiguration {

    @Bean
    MovieQueries queriesOverProjections(
            JdbcClient jdbc,
            @Value("${WEIGHTED_RATING_MIN_VOTES:" + WeightedRating.DEFAULT_MINIMUM_VOTES + "}") int minimumVotes,
            AverageVisibility averageVisibility,
            CursorSigningKey cursorKey) {
        new WeightedRating(0, minimumVotes); // refuses a negative m at start-up rather than on the first read
        return new MeteredMovieQueries(
                new JdbcMovieQueries(jdbc, minimumVotes, averageVisibility.minimumRatings(), new Cursors(cursorKey)));
    }

    /** Read and checked at start-up (SnapStart snapshots it with the rest of the initialised function). */
    @Bean
    CursorSigningKey cursorSigningKey(
            @Value("${CURSOR_SIGNING_KEY:}") String base64,
            @Value("${CURSOR_SIGNING_KEY_SECRET_ARN:}") String secretArn,
            @Value("${SECRETS_MANAGER_ENDPOINT:}") String secretsEndpoint) {
        if (secretArn.isBlank()) {
            return CursorSigningKey.configured(base64, secretArn, null);
        }
        try (var secrets = DatabaseSecret.client(secretsEndpoint)) {
            return CursorSigningKey.configured(base64, secretArn, secrets);
        }
    }

    @Bean
    AverageVisibility averageVisibility(
            @Value("${MIN_RATINGS_FOR_AVERAGE:" + AverageVisibility.DEFAULT_MINIMUM_RATINGS + "}") int minimumRatings) {
        return new AverageVisibility(minimumRatings);
    }

    @Bean
    MovieQueriesFunction movieQueries(MovieQueries queries, AverageVisibility averageVisibility) {
        return new MovieQueriesFunction(queries, averageVisibility);
    }
}
