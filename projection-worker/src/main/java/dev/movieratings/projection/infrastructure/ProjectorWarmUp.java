package dev.movieratings.projection.infrastructure;

import dev.movieratings.credentials.FunctionWarmUp;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.EmbeddedMetricFormat;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.application.ProjectionTransactions;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The projector's SnapStart warm-up: projector batches that are rolled back. Each round, in a transaction
 * that is always rolled back, (1) the deployed function (as Spring Cloud Function hands it to Lambda's
 * invoker) gets an SQS event naming the latest stored events — duplicates by then, so it reads and
 * decides — and (2) the same function code gets a batch of new synthetic ratings of users
 * {@code snapstart-priming-…} on those events' movies, served from memory instead of the event table (the
 * projector may not append events), which it applies: streams, scores, totals, list scores, watermark.
 * Nothing stays: a round holds its movies' score rows and the totals row only until its rollback.
 */
public final class ProjectorWarmUp implements FunctionWarmUp {

    static final String USER_PREFIX = "snapstart-priming-";
    private static final int ROUNDS = 20;
    private static final int BATCH = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Supplier<Function<Message<byte[]>, Object>> deployed;
    private final JdbcClient jdbc;
    private final ProjectionWriter liveProjection;
    private final TransactionTemplate transaction;
    private final ProjectionTransactions transactions;

    /**
     * @param deployed     the function as Lambda's invoker gets it from Spring Cloud Function's catalog
     * @param transactions the projector's own transactions, which join the warm-up's
     */
    public ProjectorWarmUp(
            Supplier<Function<Message<byte[]>, Object>> deployed,
            JdbcClient jdbc,
            ProjectionWriter liveProjection,
            TransactionTemplate transaction,
            ProjectionTransactions transactions) {
        this.deployed = deployed;
        this.jdbc = jdbc;
        this.liveProjection = liveProjection;
        this.transaction = transaction;
        this.transactions = transactions;
    }

    @Override
    public String warmUp() {
        try (var noMetrics = EmbeddedMetricFormat.capture(line -> {})) {
            EventTable events = new EventTable(jdbc);
            long highest = events.highestPosition();
            List<StoredEvent> latest = events.between(Math.max(0, highest - BATCH), highest);
            List<Long> movies = latest.stream().map(e -> e.event().movieId()).toList();
            long written = 0;
            for (int round = 0; round < ROUNDS; round++) {
                Map<UUID, StoredEvent> synthetic = synthetic(highest, round, movies.isEmpty() ? List.of(1L) : movies);
                ProjectRatingEventsFunction priming = new ProjectRatingEventsFunction(
                        new ProjectingEvents(ids -> served(synthetic, ids), liveProjection, transactions));
                written += rolledBack(() -> {
                    if (!latest.isEmpty()) {
                        deployed.get().apply(message(latest));
                    }
                    priming.apply(message(synthetic.values()));
                    return jdbc.sql("select count(*) from projection.user_ratings where user_id like ?")
                            .param(USER_PREFIX + "%")
                            .query(Long.class)
                            .single();
                });
            }
            return "projectRatingEvents: " + ROUNDS + " rounds of " + latest.size() + " stored and " + BATCH
                    + " synthetic events, " + written + " synthetic ratings written and rolled back";
        }
    }

    private long rolledBack(Supplier<Long> work) {
        Long result = transaction.execute(status -> {
            status.setRollbackOnly();
            return work.get();
        });
        return result == null ? 0 : result;
    }

    private static Map<UUID, StoredEvent> synthetic(long highest, int round, List<Long> movies) {
        Map<UUID, StoredEvent> events = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < BATCH; i++) {
            UUID id = UUID.randomUUID();
            RatingSubmitted rating = new RatingSubmitted(
                    id, USER_PREFIX + round + "-" + i, movies.get(i % movies.size()), 1, now, 3.5, null, now, null);
            // above every stored position, so the projector takes them for new events
            events.put(id, new StoredEvent(highest + 1 + i, rating));
        }
        return events;
    }

    private static List<StoredEvent> served(Map<UUID, StoredEvent> events, Collection<UUID> ids) {
        List<StoredEvent> found = new ArrayList<>();
        ids.forEach(id -> {
            if (events.containsKey(id)) {
                found.add(events.get(id));
            }
        });
        return found;
    }

    private static Message<byte[]> message(Collection<StoredEvent> events) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (StoredEvent stored : events) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", stored.event().eventId().toString());
            record.put("receiptHandle", "snapstart-priming");
            record.put(
                    "body",
                    BusEnvelope.wrap(
                            stored.event(),
                            "000000000000",
                            "snapstart",
                            stored.event().occurredAt()));
            record.put("attributes", Map.of("ApproximateReceiveCount", "1"));
            record.put("messageAttributes", Map.of());
            record.put("eventSource", "aws:sqs");
            records.add(record);
        }
        byte[] json = JSON.writeValueAsString(Map.of("Records", records)).getBytes(StandardCharsets.UTF_8);
        return MessageBuilder.withPayload(json).build();
    }
}
