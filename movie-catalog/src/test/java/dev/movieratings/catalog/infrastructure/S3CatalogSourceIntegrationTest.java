package dev.movieratings.catalog.infrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.movieratings.catalog.CatalogFixture;
import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.ImportReport;
import dev.movieratings.catalog.application.ImportingCatalog;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.testsupport.MigratedDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 source through the AWS SDK's real, signed requests, answered by WireMock on loopback. */
class S3CatalogSourceIntegrationTest {

    private static final String MOVIES = "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n"
            + "2,\"American President, The (1995)\",Comedy|Drama|Romance\n";
    private static final String LINKS = "movieId,imdbId,tmdbId\n1,0114709,862\n2,0112346,9087\n";

    private static WireMockServer s3;
    private static MigratedDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        s3 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        s3.start();
        database = CatalogFixture.migratedDatabase();
        jdbc = JdbcClient.create(database.administrator());
    }

    @AfterAll
    static void stop() {
        s3.stop();
        database.close();
    }

    @BeforeEach
    void reset() {
        s3.resetAll();
        jdbc.sql("delete from movies").update();
    }

    @Test
    void aCatalogUnderAnS3PrefixIsImportedWithSignedRequests() {
        serve("/catalog-bucket/releases/2026-12/movies.csv", 200, MOVIES);
        serve("/catalog-bucket/releases/2026-12/links.csv", 200, LINKS);

        ImportReport report = new ImportingCatalog(new JdbcCatalogStore(database.as(DatabaseRole.OPS)))
                .importFrom(CatalogSources.open(
                        "s3://catalog-bucket/releases/2026-12/", S3CatalogSourceIntegrationTest::client));

        assertThat(report.summary())
                .isEqualTo("Catalog s3://catalog-bucket/releases/2026-12/: "
                        + "2 inserted, 0 updated, 0 unchanged, 0 rejected");
        assertThat(jdbc.sql("select title || '|' || tmdb_id from movies order by movie_id")
                        .query(String.class)
                        .list())
                .containsExactly("Toy Story|862", "American President, The|9087");
        s3.verify(
                2,
                getRequestedFor(urlPathMatching("/catalog-bucket/releases/2026-12/(movies|links)\\.csv"))
                        .withHeader(
                                "Authorization",
                                matching("AWS4-HMAC-SHA256 Credential=test-key/\\d{8}/eu-west-1/s3/.*")));
    }

    @Test
    void aMoviesCsvKeyFindsItsLinksBesideIt() {
        serve("/catalog-bucket/v2/movies.csv", 200, MOVIES);
        serve("/catalog-bucket/v2/links.csv", 200, LINKS);

        var source = CatalogSources.open("s3://catalog-bucket/v2/movies.csv", S3CatalogSourceIntegrationTest::client);

        assertThat(source.movies()).hasSize(3);
        assertThat(source.links()).hasSize(3);
        assertThat(source.location()).isEqualTo("s3://catalog-bucket/v2/");
    }

    @Test
    void aMissingOrForbiddenObjectIsRefusedNamingItsUri() {
        serve("/catalog-bucket/gone/movies.csv", 200, MOVIES);
        s3.stubFor(get(urlPathEqualTo("/catalog-bucket/gone/links.csv"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>NoSuchKey</Code>"
                                + "<Message>The specified key does not exist.</Message></Error>")));
        s3.stubFor(get(urlPathEqualTo("/locked-bucket/movies.csv"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withHeader("Content-Type", "application/xml")
                        .withBody("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")));

        assertThatThrownBy(() -> CatalogSources.open("s3://catalog-bucket/gone", S3CatalogSourceIntegrationTest::client)
                        .links())
                .isInstanceOf(CatalogRefusal.class)
                .hasMessage("no catalog file s3://catalog-bucket/gone/links.csv");
        assertThatThrownBy(() -> CatalogSources.open("s3://locked-bucket", S3CatalogSourceIntegrationTest::client)
                        .movies())
                .isInstanceOf(CatalogRefusal.class)
                .hasMessage("could not read s3://locked-bucket/movies.csv: HTTP 403 AccessDenied");
    }

    @Test
    void theEnvironmentsEndpointIsUsedWithPathStyleAddresses() {
        serve("/env-bucket/movies.csv", 200, MOVIES);

        // the default credentials chain reads these, as it reads Lambda's environment on AWS
        System.setProperty("aws.accessKeyId", "env-key");
        System.setProperty("aws.secretAccessKey", "env-secret");
        try {
            S3Client fromEnvironment = CatalogSources.s3FromEnvironment(
                    Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", s3.baseUrl()));
            List<?> rows = CatalogSources.open("s3://env-bucket/", () -> fromEnvironment)
                    .movies();

            assertThat(rows).hasSize(3);
            s3.verify(getRequestedFor(urlPathEqualTo("/env-bucket/movies.csv"))
                    .withHeader("Authorization", matching(".*Credential=env-key/.*")));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    private static void serve(String path, int status, String body) {
        s3.stubFor(get(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "text/csv")
                        .withBody(body)));
    }

    private static S3Client client() {
        return CatalogSources.s3Builder(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_S3", s3.baseUrl()))
                .credentialsProvider(() -> AwsBasicCredentials.create("test-key", "test-secret"))
                .build();
    }
}
