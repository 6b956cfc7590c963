package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CatalogSource;
import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Opens a catalog by where it is: {@code s3://bucket/key}, a folder, a movies.csv, or a classpath folder. */
public final class CatalogSources {

    private CatalogSources() {}

    /** A local path or an {@code s3://} URI; the S3 client is only made for an S3 URI. */
    public static CatalogSource open(@Nullable String location, Supplier<S3Client> s3) {
        if (location == null || location.isBlank()) {
            throw new CatalogRefusal("no catalog location given: a folder, a movies.csv or an s3://bucket/key URI");
        }
        if (location.startsWith("s3://")) {
            String rest = location.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (bucket.isEmpty()) {
                throw new CatalogRefusal("'" + location + "' names no bucket; expected s3://bucket/key");
            }
            return new S3CatalogSource(s3.get(), bucket, slash < 0 ? "" : rest.substring(slash + 1));
        }
        if (location.contains("://")) {
            throw new CatalogRefusal("'" + location + "' is neither a local path nor an s3://bucket/key URI");
        }
        try {
            return new FolderCatalogSource(Path.of(location));
        } catch (InvalidPathException e) {
            throw new CatalogRefusal("'" + location + "' is not a path: " + e.getMessage());
        }
    }

    public static CatalogSource classpath(String folder) {
        return new ClasspathCatalogSource(folder);
    }

    /**
     * The S3 client as the environment sets it: region from AWS_REGION (Lambda sets it), credentials from
     * the default chain, and, where AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL points elsewhere (a stub, a
     * local S3), that endpoint with path-style addresses, since a loopback host has no bucket subdomains.
     */
    public static S3Client s3FromEnvironment(Map<String, String> environment) {
        return s3Builder(environment).build();
    }

    static S3ClientBuilder s3Builder(Map<String, String> environment) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(environment.getOrDefault("AWS_REGION", "us-east-1")));
        String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_S3", environment.get("AWS_ENDPOINT_URL"));
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder;
    }
}
