package dev.movieratings.projection.infrastructure;

import dev.movieratings.projection.application.InjectedFaults;
import dev.movieratings.projection.application.Projections;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
public class ProjectionWorkerConfiguration {

    @Bean
    Projections projections(JdbcClient jdbc, TransactionTemplate transaction, InjectedFaults faults) {
        return new JdbcProjections(jdbc, transaction, faults);
    }

    /**
     * Test and chaos knobs, off by default: PROJECTOR_FAIL_USERS (comma-separated, read on every call),
     * PROJECTOR_FAILURE_RATE (before the transaction) and PROJECTOR_TRANSACTION_FAILURE_RATE (inside it).
     */
    @Bean
    InjectedFaults injectedFaults(
            Environment environment,
            @Value("${PROJECTOR_FAILURE_RATE:0}") double failureRate,
            @Value("${PROJECTOR_TRANSACTION_FAILURE_RATE:0}") double transactionFailureRate,
            @Value("${PROJECTOR_FAILURE_SEED:1}") long seed) {
        return new InjectedFaults(
                () -> Arrays.stream(environment
                                .getProperty("PROJECTOR_FAIL_USERS", "")
                                .split(","))
                        .map(String::strip)
                        .filter(user -> !user.isEmpty())
                        .collect(Collectors.toSet()),
                failureRate,
                transactionFailureRate,
                seed);
    }

    @Bean
    ProjectRatingEventsFunction projectRatingEvents(Projections projections, InjectedFaults faults) {
        return new ProjectRatingEventsFunction(projections, faults);
    }
}
