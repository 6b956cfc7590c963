package dev.movieratings.catalog.infrastructure;

import dev.movieratings.catalog.application.CatalogRefusal;
import dev.movieratings.catalog.application.CatalogRow;
import dev.movieratings.catalog.application.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A catalog in S3: {@code s3://bucket/prefix/} holding movies.csv and links.csv, or
 * {@code s3://bucket/prefix/movies.csv} with links.csv beside it.
 */
final class S3CatalogSource implements CatalogSource {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final String moviesKey;

    S3CatalogSource(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        if (key.endsWith(".csv")) {
            this.prefix = key.substring(0, key.lastIndexOf('/') + 1);
            this.moviesKey = key;
        } else {
            this.prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
            this.moviesKey = prefix + "movies.csv";
        }
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public List<CatalogRow> movies() {
        return read(moviesKey);
    }

    @Override
    public List<CatalogRow> links() {
        return read(prefix + "links.csv");
    }

    private List<CatalogRow> read(String key) {
        String uri = "s3://" + bucket + "/" + key;
        try (InputStream in = s3.getObject(request -> request.bucket(bucket).key(key))) {
            return CsvRows.read(in);
        } catch (NoSuchKeyException e) {
            throw new CatalogRefusal("no catalog file " + uri);
        } catch (S3Exception e) {
            String code =
                    e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
            throw new CatalogRefusal("could not read " + uri + ": HTTP " + e.statusCode() + code, e);
        } catch (SdkException | IOException e) {
            throw new CatalogRefusal("could not read " + uri + ": " + e.getMessage(), e);
        }
    }
}
