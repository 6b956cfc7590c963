package dev.movieratings.credentials;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * On AWS (DATABASE_SECRET_ARN set) the functions' pool gets its credentials from Secrets Manager instead
 * of from the environment; nothing secret sits in environment variables or logs. Without the variable
 * Spring Boot's usual spring.datasource.* configuration applies (local runtime, tests).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("DATABASE_SECRET_ARN")
public class DatabaseCredentialsConfiguration {

    @Bean
    DatabaseSecret databaseSecret(@Value("${DATABASE_SECRET_ARN}") String secretArn,
                                  @Value("${SECRETS_MANAGER_ENDPOINT:}") String endpoint) {
        return new DatabaseSecret(DatabaseSecret.client(endpoint), secretArn);
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(@Value("${spring.datasource.url}") String url, DatabaseSecret secret) {
        HikariDataSource pool = new HikariDataSource();
        pool.setDataSource(new SecretBackedDataSource(url, secret));
        return pool;
    }
}
