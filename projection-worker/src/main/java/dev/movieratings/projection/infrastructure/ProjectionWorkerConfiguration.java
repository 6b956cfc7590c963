package dev.movieratings.projection.infrastructure;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.application.ProjectionStore;
import dev.movieratings.projection.application.ProjectionTransactions;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the projector: its use case gets the event table, the live projection tables and transactions. */
@Configuration(proxyBeanMethods = false)
public class ProjectionWorkerConfiguration {

    @Bean
    ProjectingEvents projectingEvents(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            Environment environment,
            @Value("${PROJECTOR_FAULT_INJECTION:false}") boolean faultInjection,
            @Value("${PROJECTOR_FAILURE_RATE:0}") double failureRate,
            @Value("${PROJECTOR_FAILURE_SEED:1}") long seed) {
        EventTable events = new EventTable(jdbc);
        ProjectionStore tables = ProjectionWriter.live(jdbc);
        if (faultInjection || failureRate > 0) {
            tables = new FaultInjectingProjectionStore(tables, failingUsers(environment), failureRate, seed);
        }
        ProjectionTransactions transactions = new ProjectionTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return FunctionMetrics.databaseTime(
                        "projection_apply", () -> transaction.execute(status -> work.get()));
            }
        };
        return new ProjectingEvents(events::byIds, tables, transactions);
    }

    /**
     * Chaos and test knobs, for the local runtime and tests only (PROJECTOR_FAULT_INJECTION=true, or a
     * PROJECTOR_FAILURE_RATE above 0, wires them): PROJECTOR_FAIL_USERS, comma-separated, read on every call.
     */
    private static Supplier<Set<String>> failingUsers(Environment environment) {
        return () -> Arrays.stream(
                        environment.getProperty("PROJECTOR_FAIL_USERS", "").split(","))
                .map(String::strip)
                .filter(user -> !user.isEmpty())
                .collect(Collectors.toSet());
    }

    @Bean
    ProjectRatingEventsFunction projectRatingEvents(ProjectingEvents projecting) {
        return new ProjectRatingEventsFunction(projecting);
    }
}
