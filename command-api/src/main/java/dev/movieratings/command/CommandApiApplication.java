package dev.movieratings.command;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The command side's Spring application. On Lambda it is started by Spring Cloud Function's
 * FunctionInvoker, which runs {@code ratingCommands} or {@code outboxRelay} as
 * SPRING_CLOUD_FUNCTION_DEFINITION says.
 */
@SpringBootApplication
@Import(DatabaseCredentialsConfiguration.class)
@PropertySource("classpath:command-api.properties")
public class CommandApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandApiApplication.class, args);
    }
}
