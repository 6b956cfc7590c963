package dev.movieratings.projection.infrastructure;

import dev.movieratings.projection.application.Projections;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class ProjectionWorkerConfiguration {

    @Bean
    Projections projections(JdbcClient jdbc, TransactionTemplate transaction) {
        return new JdbcProjections(jdbc, transaction);
    }

    @Bean
    ProjectRatingEventsFunction projectRatingEvents(Projections projections) {
        return new ProjectRatingEventsFunction(projections);
    }
}
