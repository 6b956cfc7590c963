package dev.movieratings.ops.lambda;

import dev.movieratings.ops.pipeline.AwsClients;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How many messages wait in the projector's dead-letter queue, or null when its URL is not configured. */
interface DeadLetterDepth extends Supplier<Long> {

    static DeadLetterDepth of(String queueUrl, Function<String, @Nullable String> settings) {
        if (queueUrl == null || queueUrl.isBlank()) {
            return () -> null;
        }
        return () -> {
            try (SqsClient sqs = AwsClients.sqs(settings)) {
                return Long.valueOf(sqs.getQueueAttributes(b ->
                                b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                        .attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            }
        };
    }
}
