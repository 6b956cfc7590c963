package dev.movieratings.ops.lambda;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import dev.movieratings.ops.pipeline.StatusQueries;
import dev.movieratings.projection.maintenance.application.Projection;
import dev.movieratings.projection.maintenance.application.ProjectionMaintenance;
import dev.movieratings.projection.maintenance.application.RebuildProgress;
import dev.movieratings.projection.maintenance.application.RebuildReport;
import dev.movieratings.projection.maintenance.application.SimilarityRefreshReport;
import dev.movieratings.projection.maintenance.application.VerificationReport;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.RebuildSettings;
import dev.movieratings.settings.FunctionSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ops Lambda ({@code projectionOps}): invoked by an operator or the pipeline with {"action":"rebuild"}
 * (or {"action":"rebuild","projection":"scores"}),
 * {"action":"verify"}, {"action":"refresh-similar"} (on a schedule), {"action":"status"},
 * {"action":"park","eventId":…,"reason":…,"requestedBy":…},
 * {"action":"retry"|"replay-parked",…} ({@link LambdaReplay}),
 * {"action":"projector-pause"|"projector-resume",…} ({@link LambdaProjectorSwitch}) or a catalog action
 * ({@link CatalogOps}), it runs the same code as the command line.
 *
 * <p>Built for a short cold start: only the auto-configurations it uses are imported, not every one on
 * the classpath (each evaluated one is paid for at every start), and nothing is found by scanning.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    ConfigurationPropertiesAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    ContextFunctionCatalogAutoConfiguration.class,
    AWSCompanionAutoConfiguration.class,
    DataSourceAutoConfiguration.class
})
@Import(DatabaseCredentialsConfiguration.class)
public class ProjectionOpsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionOpsApplication.class, args);
    }

    /** Checked at start-up: a bad setting stops the function before it takes a request, naming it. */
    @Bean
    OpsSettings opsSettings(Environment environment) {
        return FunctionSettings.bind(environment, OpsSettings.class);
    }

    @Bean
    ProjectionMaintenance projectionMaintenance(DataSource dataSource, OpsSettings settings) {
        return JdbcProjectionMaintenance.create(
                dataSource,
                RebuildSettings.of(settings.projectionRebuildMemory(), null)
                        .withMinimumVotes(settings.weightedRatingMinVotes()));
    }

    /** The dead-letter depth for "status", from PROJECTION_DLQ_URL when it is set, else unknown (null). */
    @Bean
    DeadLetterDepth deadLetterDepth(OpsSettings settings, Environment environment) {
        return DeadLetterDepth.of(settings.projectionDlqUrl(), environment::getProperty);
    }

    @Bean
    Function<Map<String, Object>, Map<String, Object>> projectionOps(
            ProjectionMaintenance maintenance,
            DataSource dataSource,
            Environment environment,
            DeadLetterDepth deadLetters) {
        CatalogOps catalogOps = new CatalogOps(dataSource, environment::getProperty);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return request -> {
            @Nullable Object requested = request == null ? null : request.get("action");
            @Nullable String action = requested instanceof String name ? name : null;
            Map<String, Object> answer = new LinkedHashMap<>();
            if ("rebuild".equals(action)) {
                Projection projection;
                try {
                    projection = Projection.named(
                            request.get("projection") instanceof String name ? name : Projection.ALL.projectionName());
                } catch (IllegalArgumentException e) {
                    return Map.of("error", e.getMessage());
                }
                RebuildReport report = maintenance.rebuild(projection, RebuildProgress.SILENT);
                answer.put("projection", projection.projectionName());
                answer.put("events", report.events());
                answer.put("eventsPerSecond", Math.round(report.eventsPerSecond()));
                answer.put("watermark", report.watermark());
                answer.put("seconds", report.took().toMillis() / 1000.0);
            } else if ("verify".equals(action)) {
                VerificationReport report = maintenance.verify();
                answer.put("clean", report.clean());
                answer.put("eventsFolded", report.eventsFolded());
                answer.put("watermark", report.watermark());
                answer.put("parked", report.parked());
                answer.put(
                        "differences",
                        report.differences().stream()
                                .limit(100)
                                .map(Object::toString)
                                .toList());
            } else if ("refresh-similar".equals(action)) {
                SimilarityRefreshReport report = maintenance.refreshSimilarMovies();
                answer.put("movies", report.movies());
                answer.put("pairRows", report.pairRows());
                answer.put("skipped", report.skipped());
                answer.put("seconds", report.took().toMillis() / 1000.0);
            } else if ("status".equals(action)) {
                answer.putAll(StatusQueries.read(jdbc, deadLetters.get()).toJson());
            } else if ("park".equals(action)) {
                answer.putAll(LambdaParking.park(jdbc, request));
            } else if (action != null && LambdaReplay.ACTIONS.contains(action)) {
                answer.putAll(LambdaReplay.handle(jdbc, environment::getProperty, action, request));
            } else if (action != null && LambdaProjectorSwitch.ACTIONS.contains(action)) {
                answer.putAll(LambdaProjectorSwitch.handle(jdbc, environment::getProperty, action, request));
            } else if (action != null && CatalogOps.ACTIONS.contains(action)) {
                answer.putAll(catalogOps.handle(action, request));
            } else {
                answer.put(
                        "error",
                        "action must be one of rebuild, verify, refresh-similar, status, park, retry, replay-parked,"
                                + " projector-pause, projector-resume, "
                                + String.join(", ", CatalogOps.ACTIONS)
                                + "; not " + requested);
            }
            return answer;
        };
    }
}
