package dev.movieratings.query.infrastructure;

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
            AverageVisibility averageVisibility) {
        new WeightedRating(0, minimumVotes); // refuses a negative m at start-up rather than on the first read
        return new MeteredMovieQueries(new JdbcMovieQueries(jdbc, minimumVotes, averageVisibility.minimumRatings()));
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
