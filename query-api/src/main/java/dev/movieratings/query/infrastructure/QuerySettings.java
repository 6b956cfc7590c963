package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.AverageVisibility;
import dev.movieratings.rating.projection.WeightedRating;
import dev.movieratings.settings.FunctionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query function's environment, checked at start-up (each component is the variable of the same
 * name in upper snake case). The cursor key settings are checked by {@link CursorSigningKey}, which
 * never repeats a key in a message; this record's toString leaves it out too.
 *
 * @param weightedRatingMinVotes m of the weighted rating, 0 or more
 * @param minRatingsForAverage from how many ratings the plain average shows, 1 or more
 * @param cursorSigningKey base64 of the key that seals list cursors (locally; or the secret below)
 * @param cursorSigningKeySecretArn on AWS: the Secrets Manager secret holding that key
 * @param secretsManagerEndpoint a Secrets Manager endpoint other than AWS's (tests)
 */
@ConfigurationProperties
public record QuerySettings(
        @DefaultValue("" + WeightedRating.DEFAULT_MINIMUM_VOTES)
        int weightedRatingMinVotes,

        @DefaultValue("" + AverageVisibility.DEFAULT_MINIMUM_RATINGS)
        int minRatingsForAverage,

        @DefaultValue("") String cursorSigningKey,
        @DefaultValue("") String cursorSigningKeySecretArn,
        @DefaultValue("") String secretsManagerEndpoint) {

    public QuerySettings {
        if (weightedRatingMinVotes < 0) {
            throw FunctionSettings.invalid("weightedRatingMinVotes", weightedRatingMinVotes, "must be 0 or more");
        }
        if (minRatingsForAverage < 1) {
            throw FunctionSettings.invalid("minRatingsForAverage", minRatingsForAverage, "must be 1 or more");
        }
    }

    @Override
    public String toString() {
        return "QuerySettings[weightedRatingMinVotes=" + weightedRatingMinVotes + ", minRatingsForAverage="
                + minRatingsForAverage + ", cursorSigningKey=" + (cursorSigningKey.isEmpty() ? "" : "(set)")
                + ", cursorSigningKeySecretArn=" + cursorSigningKeySecretArn + "]";
    }
}
