package dev.movieratings.ops.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Where the ops tools connect. On AWS: SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD and
 * PROJECTION_QUEUE_URL / PROJECTION_DLQ_URL from the environment, AWS credentials the usual way. Locally:
 * the runtime.properties the local runtime writes into its data folder when it starts.
 */
record OpsConnection(
        String jdbcUrl,
        @Nullable String user,
        @Nullable String password,
        @Nullable URI sqsEndpoint,
        @Nullable String queueUrl,
        @Nullable String deadLetterQueueUrl) {

    static OpsConnection resolve(Path localData, Map<String, String> environment) {
        String url = environment.get("SPRING_DATASOURCE_URL");
        if (url != null && !url.isBlank()) {
            return new OpsConnection(
                    url,
                    environment.get("SPRING_DATASOURCE_USERNAME"),
                    environment.get("SPRING_DATASOURCE_PASSWORD"),
                    null,
                    environment.get("PROJECTION_QUEUE_URL"),
                    environment.get("PROJECTION_DLQ_URL"));
        }
        Path file = localData.resolve("runtime.properties");
        if (!Files.exists(file)) {
            throw new OpsFailure(
                    "no database to talk to: set SPRING_DATASOURCE_URL, or start the local runtime (./run-local.sh) so "
                            + file + " exists, or pass --local-data with the folder it uses");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new OpsFailure("could not read " + file + ": " + e.getMessage());
        }
        return new OpsConnection(
                properties.getProperty("jdbc.url"),
                properties.getProperty("jdbc.user"),
                properties.getProperty("jdbc.password"),
                URI.create(properties.getProperty("sqs.endpoint")),
                properties.getProperty("queue.url"),
                properties.getProperty("dlq.url"));
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }

    SqsClient sqs() {
        if (queueUrl == null || deadLetterQueueUrl == null) {
            throw new OpsFailure("the queue URLs are not known: set PROJECTION_QUEUE_URL and PROJECTION_DLQ_URL");
        }
        SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (sqsEndpoint != null) {
            builder.endpointOverride(sqsEndpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    boolean local() {
        return sqsEndpoint != null;
    }
}
