package dev.movieratings.projection.infrastructure;

import dev.movieratings.rating.projection.WeightedRating;
import dev.movieratings.settings.FunctionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The projector's environment, checked at start-up. Terraform sets only m; the rest are test and chaos knobs, off by
 * default. (PROJECTOR_FAIL_USERS, the users whose events fail, is read on every call instead, so a test can poison
 * one user and then lift it.)
 *
 * @param weightedRatingMinVotes WEIGHTED_RATING_MIN_VOTES: m of the weighted scores stored for the lists, 0 or more;
 *     the query function's value, or the lists' order disagrees with the scores shown
 * @param projectorFaultInjection PROJECTOR_FAULT_INJECTION: wires the fault-injecting store
 * @param projectorFailureRate PROJECTOR_FAILURE_RATE: the share of batches failed before any write, 0 to 1
 * @param projectorTransactionFailureRate PROJECTOR_TRANSACTION_FAILURE_RATE: the share failed after the
 *     batch's writes, inside the transaction, so the whole batch rolls back
 * @param projectorFailureSeed PROJECTOR_FAILURE_SEED: the seed of those failures, for repeatable runs
 */
@ConfigurationProperties
public record ProjectorSettings(
        @DefaultValue("" + WeightedRating.DEFAULT_MINIMUM_VOTES)
        int weightedRatingMinVotes,

        @DefaultValue("false") boolean projectorFaultInjection,
        @DefaultValue("0") double projectorFailureRate,
        @DefaultValue("0") double projectorTransactionFailureRate,
        @DefaultValue("1") long projectorFailureSeed) {

    public ProjectorSettings {
        if (weightedRatingMinVotes < 0) {
            throw FunctionSettings.invalid("weightedRatingMinVotes", weightedRatingMinVotes, "must be 0 or more");
        }
        if (!(projectorFailureRate >= 0 && projectorFailureRate <= 1)) {
            throw FunctionSettings.invalid("projectorFailureRate", projectorFailureRate, "must be between 0 and 1");
        }
        if (!(projectorTransactionFailureRate >= 0 && projectorTransactionFailureRate <= 1)) {
            throw FunctionSettings.invalid(
                    "projectorTransactionFailureRate", projectorTransactionFailureRate, "must be between 0 and 1");
        }
    }
}
