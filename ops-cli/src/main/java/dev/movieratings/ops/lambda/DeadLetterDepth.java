package dev.movieratings.ops.lambda;

import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How many messages wait in the projector's dead-letter queue, or null when its URL is not configured. */
interface DeadLetterDepth extends Supplier<Long> {

    static DeadLetterDepth of(String queueUrl) {
        if (queueUrl == null || queueUrl.isBlank()) {
            return () -> null;
        }
        SqsClient sqs = SqsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        return () -> Long.valueOf(sqs.getQueueAttributes(
                        b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
