package dev.movieratings.ops.lambda;

import dev.movieratings.rating.projection.WeightedRating;
import dev.movieratings.settings.FunctionSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ops function's environment, checked at start-up; each is optional, and the actions that need an
 * unset one answer so. (AWS_REGION and the SDK's AWS_ENDPOINT_URL_* come from the platform, not Terraform.)
 *
 * @param weightedRatingMinVotes WEIGHTED_RATING_MIN_VOTES: m of the weighted scores a rebuild stores for the lists,
 *     0 or more; the query's and the projector's value
 * @param projectionRebuildMemory PROJECTION_REBUILD_MEMORY: how much memory a rebuild's sorts may use
 * @param projectionQueueUrl PROJECTION_QUEUE_URL: the projector's queue, where retry and replay-parked send
 * @param projectionDlqUrl PROJECTION_DLQ_URL: its dead-letter queue, whose depth status shows
 * @param projectorFunctionArn PROJECTOR_FUNCTION_ARN: the projector (its live alias), whose event source
 *     mapping projector-pause and projector-resume switch
 */
@ConfigurationProperties
public record OpsSettings(
        @DefaultValue("" + WeightedRating.DEFAULT_MINIMUM_VOTES)
        int weightedRatingMinVotes,

        @DefaultValue("") String projectionRebuildMemory,
        @DefaultValue("") String projectionQueueUrl,
        @DefaultValue("") String projectionDlqUrl,
        @DefaultValue("") String projectorFunctionArn) {

    public OpsSettings {
        if (weightedRatingMinVotes < 0) {
            throw FunctionSettings.invalid("weightedRatingMinVotes", weightedRatingMinVotes, "must be 0 or more");
        }
        url("projectionQueueUrl", projectionQueueUrl);
        url("projectionDlqUrl", projectionDlqUrl);
        if (!projectorFunctionArn.isEmpty()
                && !projectorFunctionArn.matches("arn:aws[a-z-]*:lambda:[^:]+:\\d{12}:function:.+")) {
            throw FunctionSettings.invalid("projectorFunctionArn", projectorFunctionArn, "not a Lambda function ARN");
        }
    }

    private static void url(String component, String value) {
        if (!value.isEmpty() && !value.startsWith("https://") && !value.startsWith("http://")) {
            throw FunctionSettings.invalid(component, value, "not a queue URL");
        }
    }
}
