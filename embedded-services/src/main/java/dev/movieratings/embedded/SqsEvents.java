package dev.movieratings.embedded;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds the SQS event JSON Lambda's event source mapping hands a function: one record per message. */
public final class SqsEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SqsEvents() {}

    public record Message(String messageId, String receiptHandle, String body, int receiveCount, long sentTimestamp) {}

    public static String toJson(List<Message> messages, String queueArn) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            attributes.put("ApproximateReceiveCount", Integer.toString(message.receiveCount()));
            attributes.put("SentTimestamp", Long.toString(message.sentTimestamp()));
            attributes.put("SenderId", "LOCAL");
            attributes.put("ApproximateFirstReceiveTimestamp", Long.toString(message.sentTimestamp()));
            record.putObject("messageAttributes");
            record.put("md5OfBody", md5(message.body()));
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", EmbeddedQueues.REGION);
        }
        return JSON.writeValueAsString(event);
    }

    /** The ids of the messages a function's SQSBatchResponse names as failed. */
    public static List<String> failedMessageIds(String responseJson) {
        var node = JSON.readTree(responseJson);
        var failures = node.get("batchItemFailures");
        if (failures == null || !failures.isArray()) {
            return List.of();
        }
        return failures.valueStream()
                .map(f -> f.get("itemIdentifier").asString())
                .toList();
    }

    private static String md5(String body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                            .digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
