package dev.movieratings.rehearsal;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movieratings.embedded.ApiGatewayEvents;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.ops.lambda.ProjectionOpsApplication;
import dev.movieratings.query.QueryApiApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deploy pipeline rehearsed on this machine, in its order: the build's artifacts and the site bundle,
 * the migration job, the function deployment, the catalog import. Each step runs the repository's own
 * buildspec commands and scripts with bash and the real AWS CLI; AWS is WireMock on loopback (the CLI is
 * pointed at it with --endpoint-url) and the database is an embedded PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployRehearsalIntegrationTest {

    private static final Path DATA = Scripts.REPOSITORY.resolve("data/movielens-ml-latest-small");
    private static final Map<String, String> JARS = Map.of(
            "command", "command-api/target/command-api-aws.jar",
            "relay", "command-api/target/command-api-aws.jar",
            "query", "query-api/target/query-api-aws.jar",
            "projector", "projection-worker/target/projection-worker-aws.jar",
            "ops", "ops-cli/target/ops-cli-aws.jar");

    @TempDir
    static Path work;

    private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:000000000000:secret:movie-ratings/dev/";

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static AwsStub aws;
    private static LocalLambda opsFunction;
    private static Map<String, String> awsEnvironment;

    @BeforeAll
    static void start() throws IOException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        aws = new AwsStub(DeployRehearsalIntegrationTest::invokeOps);
        // each role's secret, as Terraform creates them: the migration job sets these passwords
        logins = DatabaseLogins.random(database.jdbcUrl());
        for (DatabaseRole role : DatabaseRole.values()) {
            aws.databaseSecret(SECRET_ARN + role.key(), role.roleName(), logins.password(role));
        }
        // the artifact bucket: the catalog step uploads the repository's catalog into catalog/ and the ops
        // function reads it back; an operator's refused catalog is already there
        aws.keep("artifact-bucket");
        aws.serve(
                "/artifact-bucket/catalog/broken/movies.csv",
                "movieId,title,genres\nx,Nameless (1995),Drama\n".getBytes());
        aws.serve("/artifact-bucket/catalog/broken/links.csv", "movieId,imdbId,tmdbId\n".getBytes());
        awsEnvironment = cliEnvironment();
    }

    @AfterAll
    static void stop() {
        aws.close();
        database.close();
    }

    @Test
    @Order(1)
    void theBuildLeavesEveryFileTheBuildspecShipsAndTheSiteBundleIsAssembled() {
        List<String> artifacts = Scripts.buildspecArtifacts("buildspec.yml");
        assertThat(artifacts).contains("ops-cli/target/ops-cli-aws.jar", "deploy/**/*");
        artifacts.stream()
                .filter(file -> !file.contains("*"))
                .forEach(file ->
                        assertThat(Scripts.REPOSITORY.resolve(file)).as(file).isRegularFile());

        List<String> catalog = Scripts.buildspecSecondaryArtifact("buildspec.yml", "Catalog");
        assertThat(catalog)
                .contains("deploy/**/*", "data/movielens-ml-latest-small/README.txt")
                .filteredOn(file -> !file.contains("*"))
                .allSatisfy(file ->
                        assertThat(Scripts.REPOSITORY.resolve(file)).as(file).isRegularFile());

        Scripts.Run bundle = Scripts.bash("bash deploy/ci/package-frontend.sh", Map.of());

        report("frontend bundle", bundle);
        assertThat(bundle.exit()).as(bundle.output()).isZero();
        Path site = Scripts.REPOSITORY.resolve("dist/frontend-bundle");
        assertThat(site.resolve("appspec.yml")).isRegularFile();
        assertThat(site.resolve("site/index.html")).isRegularFile();
        assertThat(site.resolve("scripts/after-install.sh")).isExecutable();
        assertThat(site.resolve("site/config.js"))
                .as("config.js is written per environment on the instance, never shipped")
                .doesNotExist();
    }

    @Test
    @Order(2)
    void theMigrationJobMigratesTheDatabase() {
        // as CodeBuild runs it (terraform/modules/cicd): the master user's login and every role's secret
        Map<String, String> environment = new HashMap<>(awsEnvironment);
        environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", EmbeddedDatabase.USER);
        environment.put("SPRING_DATASOURCE_PASSWORD", database.superuserPassword());
        environment.put("SECRETS_MANAGER_ENDPOINT", aws.url());
        environment.put("AWS_REGION", "eu-west-1");
        for (DatabaseRole role : DatabaseRole.values()) {
            environment.put("DATABASE_ROLE_SECRETS_" + role.key().toUpperCase(Locale.ROOT), SECRET_ARN + role.key());
        }

        Scripts.Run migrate =
                Scripts.bash(Scripts.buildspecCommands("deploy/buildspec-migrate.yml", "build"), environment);

        report("migrate", migrate);
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        assertThat(JdbcClient.create(logins.dataSource(DatabaseRole.OWNER))
                        .sql("select count(*) from flyway_schema_history where success and installed_by = current_user")
                        .query(Long.class)
                        .single())
                .as("migrated as the owner, whose password came from its secret")
                .isPositive();
    }

    @Test
    @Order(3)
    void theFunctionDeploymentUploadsEachJarOncePublishesAndShiftsEveryAlias() throws IOException {
        Map<String, String> environment = new HashMap<>(awsEnvironment);
        environment.put("ARTIFACT_BUCKET", "artifact-bucket");
        environment.put("ARTIFACT_PREFIX", "releases");
        environment.put("CODEDEPLOY_APPLICATION", "movie-ratings-dev-functions");
        environment.put("COMMIT_ID", "rehearsal");
        environment.put("LAMBDA_DEPLOYMENTS", lambdaDeployments());

        Scripts.Run deploy =
                Scripts.bash(Scripts.buildspecCommands("deploy/buildspec-deploy-functions.yml", "build"), environment);

        report("deploy functions", deploy);
        assertThat(deploy.exit()).as(deploy.output()).isZero();
        for (String jar : JARS.values().stream().distinct().toList()) {
            String key = "/artifact-bucket/releases/rehearsal/" + Path.of(jar).getFileName();
            List<byte[]> bodies = aws.server().findAll(putRequestedFor(urlPathEqualTo(key))).stream()
                    .map(request -> request.getBody())
                    .toList();
            assertThat(bodies).as(key).hasSize(1);
            assertThat(bodies.get(0)).as(key).hasSize((int) Files.size(Scripts.REPOSITORY.resolve(jar)));
        }
        for (String function : JARS.keySet()) {
            aws.server()
                    .verify(
                            1,
                            putRequestedFor(urlPathEqualTo(
                                            "/2015-03-31/functions/movie-ratings-dev-" + function + "/code"))
                                    .withRequestBody(matchingJsonPath(
                                            "$.S3Bucket",
                                            com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                                                    "artifact-bucket"))));
        }
        aws.server()
                .verify(
                        JARS.size(),
                        postRequestedFor(urlPathEqualTo("/"))
                                .withRequestBody(matchingJsonPath(
                                        "$.revision.appSpecContent.content",
                                        com.github.tomakehurst.wiremock.client.WireMock.containing(
                                                "\"CurrentVersion\":\"6\",\"TargetVersion\":\"7\""))));
        assertThat(deploy.output()).contains("CodeDeploy d-REHEARSAL: live 6 -> 7");
    }

    @Test
    @Order(4)
    void theCatalogStepUploadsTheRepositorysCatalogImportsItThroughTheOpsFunctionAndARerunChangesNothing()
            throws IOException {
        // as terraform/modules/cicd/catalog.tf configures the project when the pipeline owns the catalog
        Map<String, String> environment = new HashMap<>(awsEnvironment);
        environment.put("OPS_FUNCTION_NAME", "movie-ratings-dev-ops");
        environment.put("OPS_FUNCTION_QUALIFIER", "live");
        environment.put("CATALOG_SOURCE", "s3://artifact-bucket/catalog/movielens/");
        environment.put("CATALOG_UPLOAD_FROM", "data/movielens-ml-latest-small");
        String commands = Scripts.buildspecCommands("deploy/buildspec-catalog.yml", "build");

        Scripts.Run first = Scripts.bash(commands, environment);
        Scripts.Run second = Scripts.bash(commands, environment);

        report("catalog step", first);
        report("catalog step again", second);
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("9742 inserted, 0 updated, 0 unchanged, 0 rejected");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("0 inserted, 0 updated, 9742 unchanged, 0 rejected");
        for (String file : List.of("movies.csv", "links.csv", "README.txt")) {
            assertThat(aws.object("/artifact-bucket/catalog/movielens/" + file))
                    .as("%s uploaded byte for byte (the dataset's README and terms travel with it)", file)
                    .hasValueSatisfying(body -> assertThat(body).isEqualTo(readData(file)));
        }
        aws.server()
                .verify(
                        2,
                        postRequestedFor(urlPathMatching("/2015-03-31/functions/movie-ratings-dev-ops/invocations"))
                                .withQueryParam(
                                        "Qualifier", com.github.tomakehurst.wiremock.client.WireMock.equalTo("live")));
        assertThat(JdbcClient.create(database.dataSource())
                        .sql("select count(*) from movies")
                        .query(Long.class)
                        .single())
                .isEqualTo(9742L);
    }

    @Test
    @Order(5)
    void anOperatorsRefusedCatalogIsNotOverwrittenAndFailsTheStepSayingWhichLine() {
        // catalog_source set in Terraform: the project sets no CATALOG_UPLOAD_FROM
        Map<String, String> environment = new HashMap<>(awsEnvironment);
        environment.put("OPS_FUNCTION_NAME", "movie-ratings-dev-ops");
        environment.put("OPS_FUNCTION_QUALIFIER", "live");
        environment.put("CATALOG_SOURCE", "s3://artifact-bucket/catalog/broken/");

        Scripts.Run refused =
                Scripts.bash(Scripts.buildspecCommands("deploy/buildspec-catalog.yml", "build"), environment);

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output())
                .contains("maintained by an operator: nothing uploaded")
                .contains("REJECTED movies.csv line 2: movieId must be a positive whole number, not 'x'");
        assertThat(aws.server().findAll(putRequestedFor(urlPathMatching("/artifact-bucket/catalog/broken/.*"))))
                .isEmpty();
    }

    @Test
    @Order(6)
    void theSiteReleaseGetsThisEnvironmentsConfigJsFromSsmAndItsContentSecurityPolicy() throws IOException {
        String siteConfig = "{\"apiBaseUrl\":\"https://api.dev.example.test\",\"auth\":{\"issuer\":"
                + "\"https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Rehearse\",\"clientId\":\"rehearsal\","
                + "\"hostedUiBaseUrl\":\"https://auth.dev.example.test\"}}";
        aws.ssmParameter("/movie-ratings/dev/site-config", siteConfig);
        aws.ssmParameter("/movie-ratings/dev/csp-connect-src", "'self' https://api.dev.example.test");
        Path home = work.resolve("opt-movie-ratings");
        Path environmentFile = work.resolve("environment");
        Files.writeString(
                environmentFile,
                "AWS_REGION=eu-west-1\nSITE_ROOT=/srv/movie-ratings/site\n"
                        + "SITE_CONFIG_PARAMETER=/movie-ratings/dev/site-config\n"
                        + "CSP_CONNECT_SRC_PARAMETER=/movie-ratings/dev/csp-connect-src\n");
        Map<String, String> environment = new HashMap<>(awsEnvironment);
        environment.put("DEPLOYMENT_ID", "d-REHEARSAL");
        environment.put("MOVIE_RATINGS_HOME", home.toString());
        environment.put("MOVIE_RATINGS_ENVIRONMENT_FILE", environmentFile.toString());

        // what CodeDeploy does with the bundle's appspec.yml: its files into incoming/, then the hooks
        Scripts.Run install = Scripts.bash(
                "bundle=dist/frontend-bundle\n"
                        + "mkdir -p \"$MOVIE_RATINGS_HOME/incoming\" \"$MOVIE_RATINGS_HOME/releases\"\n"
                        + "cp -R \"$bundle/site\" \"$bundle/nginx\" \"$MOVIE_RATINGS_HOME/incoming/\"\n"
                        + "bash \"$bundle/scripts/after-install.sh\"",
                environment);

        report("site release", install);
        assertThat(install.exit()).as(install.output()).isZero();
        Path release = home.resolve("releases/d-REHEARSAL");
        Scripts.Run config = Scripts.bash(
                "node --input-type=module -e 'const c = (await import(process.argv[1])).default;"
                        + " process.stdout.write(JSON.stringify({frozen: Object.isFrozen(c), ...c}))' "
                        + "file://" + release.resolve("config.js"),
                Map.of());
        assertThat(config.exit()).as(config.output()).isZero();
        assertThat(config.output()).isEqualTo("{\"frozen\":true," + siteConfig.substring(1));
        assertThat(Files.readString(release.resolve(".nginx.conf")))
                .contains("root /srv/movie-ratings/site;")
                .contains("connect-src 'self' https://api.dev.example.test;")
                .doesNotContain("__");
        assertThat(release.resolve("index.html")).isRegularFile();
    }

    @Test
    @Order(7)
    void theSmokeTestsFirstReadListsTheImportedMoviesThroughTheQueryFunction() {
        // docs/deploy.md step 10 on a fresh environment, after the catalog step and before any rating: the
        // title order lists the catalog (the default top list holds rated movies only, so it is still empty).
        // The query function as Terraform configures it: its own role's secret, the cursor key's secret.
        aws.secret(SECRET_ARN + "cursor-signing-key", "cmVoZWFyc2FsLWN1cnNvci1zaWduaW5nLWtleS0zMi1ieXRlcw==");
        LocalLambda queries = LocalLambda.start(
                QueryApiApplication.class,
                "movieQueries",
                Map.of(
                        "SPRING_DATASOURCE_URL",
                        database.jdbcUrl(),
                        "DATABASE_SECRET_ARN",
                        SECRET_ARN + DatabaseRole.QUERY.key(),
                        "CURSOR_SIGNING_KEY_SECRET_ARN",
                        SECRET_ARN + "cursor-signing-key",
                        "WEIGHTED_RATING_MIN_VOTES",
                        "50",
                        "MIN_RATINGS_FOR_AVERAGE",
                        "3",
                        "SECRETS_MANAGER_ENDPOINT",
                        aws.url()));

        ApiGatewayEvents.Response response =
                ApiGatewayEvents.parseResponse(queries.invoke(ApiGatewayEvents.toJson(new ApiGatewayEvents.Request(
                        "GET",
                        "GET /api/movies",
                        "/api/movies",
                        null,
                        "sort=title&limit=3",
                        Map.of("accept", "application/json"),
                        null,
                        null))));

        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(200);
        JsonNode items = JsonMapper.builder().build().readTree(body).get("items");
        assertThat(items.size()).as(body).isEqualTo(3);
        assertThat(items.get(0).get("title").asString()).as(body).isNotBlank();
    }

    /** The ops function, started on its first invocation the way Lambda starts it. */
    private static synchronized String invokeOps(String payload) {
        if (opsFunction == null) {
            System.setProperty("AWS_REGION", "eu-west-1");
            System.setProperty("AWS_ENDPOINT_URL", aws.url());
            System.setProperty("aws.region", "eu-west-1");
            System.setProperty("aws.accessKeyId", "rehearsal");
            System.setProperty("aws.secretAccessKey", "rehearsal");
            // as Terraform configures it: the ops role's login comes from that role's secret
            opsFunction = LocalLambda.start(
                    ProjectionOpsApplication.class,
                    "projectionOps",
                    Map.of(
                            "SPRING_DATASOURCE_URL", database.jdbcUrl(),
                            "DATABASE_SECRET_ARN", SECRET_ARN + DatabaseRole.OPS.key(),
                            "SECRETS_MANAGER_ENDPOINT", aws.url()));
        }
        return opsFunction.invoke(payload);
    }

    private static byte[] readData(String file) {
        try {
            return Files.readAllBytes(DATA.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lambdaDeployments() {
        StringBuilder json = new StringBuilder("{");
        JARS.forEach((key, jar) -> json.append(json.length() > 1 ? "," : "")
                .append(String.format(
                        "\"%s\":{\"functionName\":\"movie-ratings-dev-%s\",\"jar\":\"%s\",\"deploymentGroup\":\"%s\"}",
                        key, key, jar, key)));
        return json.append('}').toString();
    }

    /**
     * The AWS CLI as CodeBuild runs it, but talking to the stub: an {@code aws} first on the PATH that adds
     * --endpoint-url (every CLI version takes that; AWS_ENDPOINT_URL only newer ones), test credentials, and
     * single-request uploads (the stub speaks no multipart upload).
     */
    private static Map<String, String> cliEnvironment() throws IOException {
        Path realAws = Stream.of(System.getenv("PATH").split(":"))
                .map(folder -> Path.of(folder, "aws"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "the AWS CLI is not installed: .ci/run installs Debian's awscli when it is missing"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path shim = bin.resolve("aws");
        Files.writeString(
                shim, "#!/usr/bin/env bash\nexec \"" + realAws + "\" --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = work.resolve("aws-config");
        Files.writeString(config, "[default]\nregion = eu-west-1\ns3 =\n  multipart_threshold = 1GB\n");
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        environment.put("AWS_ENDPOINT_URL", aws.url());
        environment.put("AWS_CONFIG_FILE", config.toString());
        environment.put(
                "AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        environment.put("AWS_ACCESS_KEY_ID", "rehearsal");
        environment.put("AWS_SECRET_ACCESS_KEY", "rehearsal");
        environment.put("AWS_DEFAULT_REGION", "eu-west-1");
        environment.put("AWS_REGION", "eu-west-1");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }

    private static void report(String step, Scripts.Run run) {
        System.out.printf(
                "[deploy rehearsal] %-22s exit %d in %.1f s%n",
                step, run.exit(), run.took().toMillis() / 1000.0);
    }
}
