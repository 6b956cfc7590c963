package dev.movieratings.command;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import dev.movieratings.testsupport.Movies;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One real PostgreSQL, one WireMock standing in for EventBridge's endpoint (so the AWS SDK's real
 * requests are checked), and the command functions entered through FunctionInvoker. Shared by the
 * command-side integration tests of this JVM.
 */
public final class CommandApiTestEnvironment {

    private static CommandApiTestEnvironment instance;

    public final MigratedDatabase database;
    public final DatabaseLogins logins;
    public final JdbcClient jdbc;
    public final WireMockServer bus;
    public final LocalLambda ratingCommands;
    public final LocalLambda outboxRelay;

    private CommandApiTestEnvironment() {
        database = MigratedDatabase.start();
        logins = database.logins();
        jdbc = database.jdbc();
        Movies.classics(jdbc);
        bus = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        bus.start();
        busAccepts();
        Map<String, String> environment = Map.of(
                "EVENT_BUS_KIND", "eventbridge",
                "EVENT_BUS_NAME", "movie-ratings-test",
                "EVENT_BUS_ENDPOINT", bus.baseUrl(),
                "EVENT_BUS_RETRY_BACKOFF_MS", "5",
                "OUTBOX_RELAY_MIN_AGE_MS", "0");
        // the AWS SDK's own settings (region, credentials) are read from system properties, not from Spring
        System.setProperty("aws.region", "eu-west-1");
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        ratingCommands = LocalLambda.start(
                CommandApiApplication.class,
                "ratingCommands",
                logins.springDataSource(DatabaseRole.COMMAND, environment));
        outboxRelay = LocalLambda.start(
                CommandApiApplication.class, "outboxRelay", logins.springDataSource(DatabaseRole.RELAY, environment));
    }

    public static synchronized CommandApiTestEnvironment get() {
        if (instance == null) {
            instance = new CommandApiTestEnvironment();
        }
        return instance;
    }

    public static MappingBuilder putEvents() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"));
    }

    /** The bus accepts every entry, as EventBridge does on a good day. */
    public void busAccepts() {
        bus.resetAll();
        bus.stubFor(putEvents()
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withTransformers("response-template")
                        .withBody("{\"FailedEntryCount\":0,\"Entries\":["
                                + "{{#each (jsonPath request.body '$.Entries') as |e|}}"
                                + "{{#unless @first}},{{/unless}}"
                                + "{\"EventId\":\"{{randomValue type='UUID'}}\"}"
                                + "{{/each}}]}")));
    }

    public long eventCount() {
        return jdbc.sql("select count(*) from rating_events").query(Long.class).single();
    }
}
