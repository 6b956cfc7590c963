package dev.movieratings.projection.infrastructure;

import dev.movieratings.eventstore.EventTable;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.application.ProjectionStore;
import dev.movieratings.projection.application.ProjectionTransactions;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import dev.movieratings.settings.FunctionSettings;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the projector: its use case gets the event table, the live projection tables and transactions. */
@Configuration(proxyBeanMethods = false)
public class ProjectionWorkerConfiguration {

    /** Bound and checked before anything else is built: a bad value stops the start, naming the variable. */
    @Bean
    ProjectorSettings projectorSettings(Environment environment) {
        return FunctionSettings.bind(environment, ProjectorSettings.class);
    }

    @Bean
    ProjectionTransactions projectionTransactions(TransactionTemplate transaction) {
        return new ProjectionTransactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return FunctionMetrics.databaseTime(
                        "projection_apply", () -> transaction.execute(status -> work.get()));
            }
        };
    }

    @Bean
    ProjectionWriter liveProjection(JdbcClient jdbc, ProjectorSettings settings) {
        return ProjectionWriter.live(jdbc, settings.weightedRatingMinVotes());
    }

    @Bean
    ProjectingEvents projectingEvents(
            JdbcClient jdbc,
            ProjectionWriter liveProjection,
            ProjectionTransactions transactions,
            Environment environment,
            ProjectorSettings settings) {
        EventTable events = new EventTable(jdbc);
        ProjectionStore tables = liveProjection;
        if (settings.projectorFaultInjection()
                || settings.projectorFailureRate() > 0
                || settings.projectorTransactionFailureRate() > 0) {
            tables = new FaultInjectingProjectionStore(
                    tables,
                    failingUsers(environment),
                    settings.projectorFailureRate(),
                    settings.projectorTransactionFailureRate(),
                    settings.projectorFailureSeed());
        }
        return new ProjectingEvents(events::byIds, tables, transactions);
    }

    /**
     * Chaos and test knobs, for the local runtime and tests only (PROJECTOR_FAULT_INJECTION=true, or a
     * PROJECTOR_FAILURE_RATE before the writes or PROJECTOR_TRANSACTION_FAILURE_RATE after them above 0,
     * wires them): PROJECTOR_FAIL_USERS, comma-separated, read on every call.
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

    /** Run by SnapStart's checkpoint hook on AWS (DatabaseCheckpointHooks), never on a request. */
    @Bean
    ProjectorWarmUp projectorWarmUp(
            ObjectProvider<FunctionCatalog> catalog,
            JdbcClient jdbc,
            ProjectionWriter liveProjection,
            TransactionTemplate transaction,
            ProjectionTransactions transactions) {
        return new ProjectorWarmUp(
                () -> catalog.getObject().lookup("projectRatingEvents", "application/json"),
                jdbc,
                liveProjection,
                transaction,
                transactions);
    }
}
