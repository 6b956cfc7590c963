package dev.movieratings.credentials;

import com.zaxxer.hikari.HikariDataSource;
import org.crac.Core;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * On AWS (DATABASE_SECRET_ARN set) the functions' pool gets its credentials from Secrets Manager instead
 * of from the environment; nothing secret sits in environment variables or logs. Without the variable
 * Spring Boot's usual spring.datasource.* configuration applies (local runtime, tests). On AWS the
 * functions run with SnapStart, so the database's checkpoint hooks are registered here too.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("DATABASE_SECRET_ARN")
public class DatabaseCredentialsConfiguration {

    @Bean
    DatabaseSecret databaseSecret(
            @Value("${DATABASE_SECRET_ARN}") String secretArn, @Value("${SECRETS_MANAGER_ENDPOINT:}") String endpoint) {
        return new DatabaseSecret(DatabaseSecret.client(endpoint), secretArn);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(@Value("${spring.datasource.url}") String url, DatabaseSecret secret) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new SecretBackedDataSource(url, secret));
        return pool;
    }

    @Bean
    DatabaseCheckpointHooks databaseCheckpointHooks(
            HikariDataSource dataSource, DatabaseSecret secret, ObjectProvider<FunctionWarmUp> warmUps) {
        return new DatabaseCheckpointHooks(
                dataSource, secret, warmUps.orderedStream().toList());
    }

    /**
     * Registers the hooks once the context is refreshed, that is after Spring's own checkpoint resource
     * (created at refresh): hooks run in reverse order before a snapshot and in order after a restore, so
     * ours prime the pool before Spring closes it and fetch the credentials after Spring reopens it. The
     * global context holds resources weakly; the bean above keeps them alive.
     */
    @Bean
    ApplicationListener<ContextRefreshedEvent> checkpointHooksRegistration(DatabaseCheckpointHooks hooks) {
        return event -> Core.getGlobalContext().register(hooks);
    }
}
