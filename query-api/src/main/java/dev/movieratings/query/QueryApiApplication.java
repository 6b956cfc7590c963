package dev.movieratings.query;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import dev.movieratings.query.infrastructure.QueryApiConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.cloud.function.adapter.aws.AWSCompanionAutoConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The query side's Spring application; Lambda enters it through FunctionInvoker as {@code movieQueries}.
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
    JdbcTemplateAutoConfiguration.class,
    JdbcClientAutoConfiguration.class
})
@Import({QueryApiConfiguration.class, DatabaseCredentialsConfiguration.class})
@PropertySource("classpath:query-api.properties")
public class QueryApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryApiApplication.class, args);
    }
}
