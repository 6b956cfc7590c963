// Over 250 lines: the one ProjectionStore adapter: a set-based write per projection, in the caller's transaction.
package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.eventstore.StoredEvent;
import dev.movieratings.observability.FunctionMetrics;
import dev.movieratings.projection.application.ProjectionStore;
import dev.movieratings.rating.Stars;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * A set of projection tables in PostgreSQL: the live ones in schema {@code projection}, or a rebuild's
 * shadow copies. Persistence only, each call one set-based statement whatever the batch's size; what
 * to write is the use case's to decide. Runs inside the caller's transaction.
 */
public final class ProjectionWriter implements ProjectionStore {

    /** The schema of the live projection tables, which the queries read. */
    public static final String LIVE = "projection";

    private final JdbcClient jdbc;
    private final String recordAndResume;
    private final String writeChanges;
    private final String advanceWatermark;
    private final String rescoreIfDrifted;
    private final int minimumVotes;
    private final String historyAdd;
    private final String markSimilarityStale;
    private final String historyApply;
    private final DiaryWriter diary;
    private final WatchlistWriter watchlist;
    private final HelpfulWriter helpful;
    private final TagWriter tags;

    /** @param minimumVotes m of the lists' stored weighted ratings (WEIGHTED_RATING_MIN_VOTES, as the query has it) */
    public ProjectionWriter(JdbcClient jdbc, String schema, int minimumVotes) {
        this.jdbc = jdbc;
        this.minimumVotes = minimumVotes;
        this.rescoreIfDrifted = ProjectionSql.inSchema(ProjectionSql.RESCORE_IF_DRIFTED, schema);
        this.recordAndResume = ProjectionSql.inSchema(ProjectionSql.RECORD_AND_RESUME, schema);
        this.writeChanges = ProjectionSql.inSchema(ProjectionSql.WRITE_CHANGES, schema);
        this.advanceWatermark = ProjectionSql.inSchema(ProjectionSql.ADVANCE_WATERMARK, schema);
        this.historyAdd = ProjectionSql.inSchema(ProjectionSql.HISTORY_ADD_EVENTS, schema);
        this.markSimilarityStale = ProjectionSql.inSchema(ProjectionSql.MARK_SIMILARITY_STALE, schema);
        this.historyApply = ProjectionSql.inSchema(ProjectionSql.HISTORY_APPLY_EVENTS, schema);
        this.diary = new DiaryWriter(jdbc, schema);
        this.watchlist = new WatchlistWriter(jdbc, schema);
        this.helpful = new HelpfulWriter(jdbc, schema);
        this.tags = new TagWriter(jdbc, schema);
    }

    /** The live projection tables, read by the queries. */
    public static ProjectionWriter live(JdbcClient jdbc, int minimumVotes) {
        return new ProjectionWriter(jdbc, LIVE, minimumVotes);
    }

    @Override
    public void lockStreams(Collection<StoredEvent> events, Collection<UUID> resolvingFailuresOf) {
        jdbc.sql(ProjectionSql.LOCK_STREAMS)
                .params(
                        texts(resolvingFailuresOf.stream()),
                        texts(HelpfulWriter.lockKeys(events).map(Map.Entry::getKey)),
                        texts(HelpfulWriter.lockKeys(events).map(Map.Entry::getValue)))
                .query(Long.class)
                .single();
    }

    @Override
    public Recorded recordApplied(Collection<StoredEvent> events) {
        // a diary-only stream has no rating row to resume and no score row to create
        List<RatingEvent> streams = events.stream()
                .map(StoredEvent::event)
                // the rating streams' rating events: a watchlist or diary event creates no score row and resumes
                // no rating
                .filter(event -> RatingEvent.RATING_STREAM.equals(event.stream()))
                .filter(event -> !(event instanceof DiaryEvent))
                .filter(distinctBy(event -> event.userId() + "\u0000" + event.movieId()))
                .toList();
        Map<Long, UUID> idsByPosition = new HashMap<>();
        events.forEach(e -> idsByPosition.put(e.position(), e.event().eventId()));
        Set<UUID> recorded = new HashSet<>();
        List<UserRating> stored = new ArrayList<>();
        boolean[] firstRow = {true};
        jdbc.sql(recordAndResume)
                .params(
                        texts(streams.stream().map(RatingEvent::movieId)),
                        texts(events.stream().map(StoredEvent::position)),
                        texts(streams.stream().map(RatingEvent::userId)),
                        texts(streams.stream().map(RatingEvent::movieId)))
                .query(rs -> {
                    if (firstRow[0] && rs.getArray("recorded") != null) {
                        for (Object position :
                                (Object[]) rs.getArray("recorded").getArray()) {
                            recorded.add(Objects.requireNonNull(idsByPosition.get(((Number) position).longValue())));
                        }
                    }
                    firstRow[0] = false;
                    if (rs.getString("user_id") != null) {
                        stored.add(UserRatingRows.read(rs));
                    }
                });
        return new Recorded(recorded, stored);
    }

    /**
     * The movie rows are visited in movie order (a nested loop over the sorted changes) and the totals
     * row after them, so two batches queue rather than deadlock; should PostgreSQL still see a deadlock,
     * the batch fails and the use case applies its events one by one.
     */
    @Override
    public void writeChanges(ProjectionFold fold) {
        List<UserRating> streams = fold.changedStreams();
        List<MovieScore> changes = fold.scores().stream()
                .sorted(Comparator.comparingLong(MovieScore::movieId))
                .toList();
        if (streams.isEmpty()) {
            return;
        }
        long count = changes.stream().mapToLong(MovieScore::ratingCount).sum();
        BigDecimal sum = BigDecimal.valueOf(
                changes.stream().mapToLong(MovieScore::halvesSum).sum() * 5L, 1);
        boolean mayNeedRescore = jdbc.sql(writeChanges)
                .params(
                        texts(streams.stream().map(UserRating::userId)),
                        texts(streams.stream().map(UserRating::movieId)),
                        texts(streams.stream().map(UserRating::version)),
                        texts(streams.stream().map(UserRating::starsDecimal)),
                        texts(streams.stream().map(UserRating::reviewSpoiler)),
                        texts(streams.stream().map(UserRating::ratedSince)),
                        texts(streams.stream().map(UserRating::updatedAt)),
                        count,
                        sum,
                        count,
                        sum,
                        texts(changes.stream().map(MovieScore::movieId)),
                        texts(changes.stream().map(MovieScore::ratingCount)),
                        texts(changes.stream().map(MovieScore::starsSum)),
                        texts(changes.stream().map(change -> UserRatingRows.histogramLiteral(change.histogram()))),
                        texts(changes.stream().map(MovieScore::reviewCount)),
                        texts(changes.stream().map(change -> fold.lastRatedAt(change.movieId()))))
                .query((rs, row) -> ListBasis.mayNeedRescore(
                        minimumVotes,
                        rs.getInt("list_min_votes"),
                        rs.getBigDecimal("list_mean"),
                        rs.getLong("rating_count"),
                        rs.getBigDecimal("stars_sum"),
                        rs.getDouble("basis_age_seconds")))
                .single();
        if (mayNeedRescore) {
            jdbc.sql(rescoreIfDrifted)
                    .param("m", minimumVotes)
                    .param("tolerance", ListBasis.MEAN_TOLERANCE)
                    .param("interval", ListBasis.RESCORE_INTERVAL_SECONDS)
                    .update();
        }
    }

    /** Two statements a batch, whatever its size (see {@link ProjectionSql#HISTORY_APPLY_EVENTS}). */
    @Override
    public void writeHistory(List<RatingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Set<String> added = new HashSet<>(jdbc.sql(historyAdd)
                .params(historyArrays(events))
                .query((rs, n) -> rs.getString(1) + "\u0000" + rs.getLong(2) + "\u0000" + rs.getInt(3))
                .list());
        List<RatingEvent> applying = events.stream()
                .filter(e -> added.contains(e.userId() + "\u0000" + e.movieId() + "\u0000" + e.streamVersion()))
                .toList();
        if (!applying.isEmpty()) {
            jdbc.sql(historyApply).params(historyArrays(applying)).update();
        }
    }

    private static List<SqlArrayValue> historyArrays(List<RatingEvent> events) {
        return List.of(
                texts(events.stream().map(RatingEvent::userId)),
                texts(events.stream().map(RatingEvent::movieId)),
                texts(events.stream().map(RatingEvent::streamVersion)),
                texts(events.stream().map(RatingEvent::occurredAt)),
                texts(events.stream()
                        .map(e -> e instanceof RatingSubmitted submitted
                                ? Stars.of(submitted.stars()).decimal()
                                : null)));
    }

    @Override
    public Set<UUID> writeWatchlist(List<StoredEvent> watchlist, List<StoredEvent> submitted) {
        return this.watchlist.write(watchlist, submitted);
    }

    @Override
    public Set<UUID> writeHelpful(List<StoredEvent> votes, List<StoredEvent> reviewEnds) {
        return helpful.write(votes, reviewEnds);
    }

    @Override
    public void writeTags(List<RatingEvent> tags) {
        this.tags.write(tags);
    }

    @Override
    public void writeDiary(List<RatingEvent> events) {
        diary.write(events);
    }

    @Override
    public void markSimilarityStale(Collection<Long> movies) {
        jdbc.sql(markSimilarityStale).params(texts(movies.stream().sorted())).update();
    }

    @Override
    public long advanceWatermark() {
        return FunctionMetrics.databaseTime(
                "projection_watermark",
                () -> jdbc.sql(advanceWatermark).query(Long.class).single());
    }

    /** Moves the live watermark over what is applied or parked: for ops, which parks events but applies none. */
    public static long advanceLiveWatermark(JdbcClient jdbc) {
        return jdbc.sql(ProjectionSql.inSchema(ProjectionSql.ADVANCE_WATERMARK, LIVE))
                .query(Long.class)
                .single();
    }

    @Override
    public void recordFailure(@Nullable UUID eventId, String messageId, String error) {
        String subject = eventId == null ? "message:" + messageId : eventId.toString();
        String trimmed = error.length() > 2_000 ? error.substring(0, 2_000) : error;
        jdbc.sql(ProjectionSql.RECORD_FAILURE)
                .params(subject, eventId, messageId, trimmed)
                .update();
    }

    private static <T> Predicate<T> distinctBy(Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        return value -> seen.add(key.apply(value));
    }

    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
