package dev.movieratings.projection;

import dev.movieratings.credentials.DatabaseCredentialsConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** The projector's Spring application; Lambda enters it through FunctionInvoker as {@code projectRatingEvents}. */
@SpringBootApplication
@Import(DatabaseCredentialsConfiguration.class)
@PropertySource("classpath:projection-worker.properties")
public class ProjectionWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionWorkerApplication.class, args);
    }
}
