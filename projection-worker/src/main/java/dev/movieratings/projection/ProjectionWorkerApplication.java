package dev.movieratings.projection;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import dev.movieratings.projection.infrastructure.ProjectionWorkerConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The projector's Spring application; Lambda enters it through FunctionInvoker as {@code projectRatingEvents}.
 *
 * <p>Built for a short cold start: only the auto-configurations it uses are imported, not every one on
 * the classpath (each evaluated one is paid for at every start), and its configuration is imported by
 * name, not found by a component scan (which walks every entry of the 30 MB jar).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    ConfigurationPropertiesAutoConfiguration.class,
    JacksonAutoConfiguration.class,
    ContextFunctionCatalogAutoConfiguration.class,
    AWSCompanionAutoConfiguration.class,
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class
})
@Import({ProjectionWorkerConfiguration.class, DatabaseCredentialsConfiguration.class})
@PropertySource("classpath:projection-worker.properties")
public class ProjectionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionWorkerApplication.class, args);
    }
}
