package dev.movieratings.query;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The query side's Spring application; Lambda enters it through FunctionInvoker as {@code movieQueries}. */
@SpringBootApplication
@Import(DatabaseCredentialsConfiguration.class)
@PropertySource("classpath:query-api.properties")
public class QueryApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryApiApplication.class, args);
    }
}
