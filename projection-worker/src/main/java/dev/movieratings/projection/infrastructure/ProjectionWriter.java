package dev.movieratings.projection.infrastructure;

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Writes a batch of events' effect into a set of projection tables: the live ones in schema
 * {@code projection}, or a rebuild's shadow copies. Must run inside the caller's transaction.
 *
 * <p>A batch costs three set-based statements, however many events it holds: read the stored events
 * and lock their streams; record them as applied (an event already recorded, or at or below the
 * watermark, is a duplicate and stops there) and read the streams' stored state; then, after the new
 * events are folded in memory with the domain's projection math, write each changed stream once, each
 * movie's summed change once and the global totals once.
 */
final class ProjectionWriter {

    private static final Comparator<StoredEvent> BY_POSITION = Comparator.comparingLong(StoredEvent::position);

    // Two batches touching the same streams take their locks in one order, so they queue rather than deadlock.
    private static final String LOCK_IN_ORDER =
            "select count(pg_advisory_xact_lock(k)) from (select distinct hashtextextended(user_id, movie_id) as k";

    private final JdbcClient jdbc;
    private final String schema;
    private final int minimumVotes = ListBasis.minimumVotes();

    ProjectionWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    /**
     * Applies the events the event store holds under these ids — a message can only point at a
     * committed event, never forge one — and marks earlier failures of them resolved.
     *
     * @return each stored event's outcome, by event id (an id the store does not hold is left out)
     */
    Map<UUID, ProjectionOutcome> applyStored(Collection<UUID> eventIds) {
        SqlArrayValue ids = texts(eventIds.stream());
        List<StoredEvent> stored = jdbc.sql(
                        "with stored as (select position, user_id, movie_id, payload from rating_events where event_id = any(?::uuid[])),"
                                + " locked as (" + LOCK_IN_ORDER + " from stored order by k offset 0) as keys),"
                                + " resolved as (update ops.projection_failures set resolved_at = now() where subject = any(?::text[]) and resolved_at is null)"
                                + " select s.position, s.payload::text as payload from stored s, locked")
                .params(ids, ids)
                .query((rs, row) ->
                        new StoredEvent(rs.getLong("position"), RatingEventJson.read(rs.getString("payload"))))
                .list();
        return applyLocked(stored);
    }

    /** @return each distinct event's outcome, by event id */
    Map<UUID, ProjectionOutcome> applyAll(Collection<StoredEvent> events) {
        jdbc.sql(
                        "select count(*) from (" + LOCK_IN_ORDER
                                + " from unnest(?::text[], ?::bigint[]) as s(user_id, movie_id) order by k offset 0) as keys) as locked")
                .params(
                        texts(events.stream().map(e -> e.event().userId())),
                        texts(events.stream().map(e -> e.event().movieId())))
                .query(Long.class)
                .single();
        return applyLocked(events);
    }

    private Map<UUID, ProjectionOutcome> applyLocked(Collection<StoredEvent> delivered) {
        Map<UUID, StoredEvent> distinct = new LinkedHashMap<>();
        delivered.stream()
                .sorted(BY_POSITION)
                .forEach(stored -> distinct.putIfAbsent(stored.event().eventId(), stored));
        Map<UUID, ProjectionOutcome> outcomes = new HashMap<>();
        if (distinct.isEmpty()) {
            return outcomes;
        }
        ProjectionFold fold = new ProjectionFold();
        Set<UUID> recorded = recordAndResume(distinct.values(), fold);
        for (StoredEvent stored : distinct.values()) {
            UUID id = stored.event().eventId();
            if (!recorded.contains(id)) {
                outcomes.put(id, ProjectionOutcome.DUPLICATE);
            } else {
                outcomes.put(id, fold.apply(stored.event()) ? ProjectionOutcome.APPLIED : ProjectionOutcome.STALE);
            }
        }
        writeChanges(fold);
        return outcomes;
    }

    /**
     * In one statement: records the events as applied (those recorded before, or at or below the
     * watermark, are not: they are duplicates), creates the score rows of movies seen for the first
     * time (a change can be negative, and a row's checks must only ever see real totals), and reads
     * the stored state of the batch's streams into the fold.
     *
     * @return the events recorded now, i.e. to be applied
     */
    private Set<UUID> recordAndResume(Collection<StoredEvent> events, ProjectionFold fold) {
        List<RatingEvent> streams = events.stream()
                .map(StoredEvent::event)
                .filter(distinctBy(event -> event.userId() + "\u0000" + event.movieId()))
                .toList();
        Set<UUID> recorded = new HashSet<>();
        boolean[] firstRow = {true};
        jdbc.sql(
                        "with created as (insert into " + schema + ".movie_scores (movie_id)"
                                + "   select distinct m from unnest(?::bigint[]) as m order by m on conflict do nothing),"
                                + " recorded as (insert into " + schema + ".applied_events (event_id, position)"
                                + "   select e, p from unnest(?::uuid[], ?::bigint[]) as t(e, p) where p > (select position from "
                                + schema + ".watermark)"
                                + "   on conflict do nothing returning event_id)"
                                + " select (select array_agg(event_id)::text[] from recorded) as recorded, r.*"
                                + " from (values (1)) as one left join (" + schema + ".user_ratings r"
                                + "   join unnest(?::text[], ?::bigint[]) as s(u, m) on r.user_id = s.u and r.movie_id = s.m) on true")
                .params(
                        texts(streams.stream().map(RatingEvent::movieId)),
                        texts(events.stream().map(e -> e.event().eventId())),
                        texts(events.stream().map(StoredEvent::position)),
                        texts(streams.stream().map(RatingEvent::userId)),
                        texts(streams.stream().map(RatingEvent::movieId)))
                .query(rs -> {
                    if (firstRow[0] && rs.getArray("recorded") != null) {
                        for (Object id : (Object[]) rs.getArray("recorded").getArray()) {
                            recorded.add(UUID.fromString((String) id));
                        }
                    }
                    firstRow[0] = false;
                    if (rs.getString("user_id") != null) {
                        fold.resumeFrom(UserRatingRows.read(rs));
                    }
                });
        return recorded;
    }

    /**
     * In one statement: each changed stream's new state, each movie's summed change, and the batch's
     * change to the global totals. The movie rows are visited in movie order (a nested loop over the
     * sorted changes) and the totals row after them, so two batches queue rather than deadlock; should
     * PostgreSQL still see a deadlock, the batch fails and is re-applied event by event.
     */
    private void writeChanges(ProjectionFold fold) {
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
        jdbc.sql("with streams as (insert into " + schema
                        + ".user_ratings as r (user_id, movie_id, stream_version, stars, review_text,"
                        + "   review_spoiler, rated_since, updated_at)"
                        + "   select * from unnest(?::text[], ?::bigint[], ?::int[], ?::numeric[], ?::text[], ?::boolean[], ?::timestamptz[], ?::timestamptz[])"
                        + "   on conflict (user_id, movie_id) do update set stream_version = excluded.stream_version, stars = excluded.stars,"
                        + "   review_text = excluded.review_text, review_spoiler = excluded.review_spoiler, rated_since = excluded.rated_since,"
                        + "   updated_at = excluded.updated_at),"
                        + " totals as (update " + schema
                        + ".rating_totals set rating_count = rating_count + ?, stars_sum = stars_sum + ?"
                        + "   where ? <> 0 or ? <> 0)"
                        + " update " + schema + ".movie_scores s set"
                        + " rating_count = s.rating_count + d.count,"
                        + " stars_sum = s.stars_sum + d.sum,"
                        + " histogram = (select array_agg(a + b order by i) from unnest(s.histogram, d.histogram::bigint[]) with ordinality as h(a, b, i)),"
                        + " review_count = s.review_count + d.reviews,"
                        + " last_rated_at = greatest(s.last_rated_at, d.rated_at),"
                        // the lists' order: this movie's weighted rating with the stored basis (see rescoreIfDrifted)
                        + " weighted = case when s.rating_count + d.count > 0 then (s.stars_sum + d.sum + t.list_min_votes * t.list_mean)"
                        + "   / (s.rating_count + d.count + t.list_min_votes) end"
                        + " from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[], ?::timestamptz[]) as d(movie_id, count, sum, histogram, reviews, rated_at),"
                        + " " + schema + ".rating_totals t"
                        + " where s.movie_id = d.movie_id")
                .params(
                        texts(streams.stream().map(UserRating::userId)),
                        texts(streams.stream().map(UserRating::movieId)),
                        texts(streams.stream().map(UserRating::version)),
                        texts(streams.stream()
                                .map(r -> r.isCurrent() ? r.stars().decimal() : null)),
                        texts(streams.stream()
                                .map(r -> r.hasReview() ? r.review().text() : null)),
                        texts(streams.stream()
                                .map(r -> r.hasReview() ? r.review().spoiler() : null)),
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
                .update();
        rescoreIfDrifted();
    }

    /**
     * Re-reads C into the lists' basis and recomputes every stored weighted rating with it, when C has
     * drifted beyond the tolerance and the basis is older than the interval (or m was changed). Until
     * then a list orders by a C at most that old; the movie page's score is always exact.
     */
    private void rescoreIfDrifted() {
        jdbc.sql("with basis as (update " + schema + ".rating_totals t set list_mean = c.mean, list_min_votes = :m,"
                        + "   list_mean_at = now()"
                        + "   from (select case when rating_count > 0 then stars_sum / rating_count else 0 end as mean"
                        + "     from " + schema + ".rating_totals) c"
                        + "   where t.list_min_votes <> :m or (abs(t.list_mean - c.mean) > cast(:tolerance as numeric)"
                        + "     and t.list_mean_at <= now() - make_interval(secs => :interval))"
                        + "   returning t.list_mean, t.list_min_votes)"
                        + " update " + schema + ".movie_scores s"
                        + " set weighted = (s.stars_sum + b.list_min_votes * b.list_mean) / (s.rating_count + b.list_min_votes)"
                        + " from basis b where s.rating_count > 0")
                .param("m", minimumVotes)
                .param("tolerance", ListBasis.MEAN_TOLERANCE)
                .param("interval", ListBasis.RESCORE_INTERVAL_SECONDS)
                .update();
    }

    /**
     * Moves the low watermark up to just below the first committed event not yet applied. Both index
     * scans start at the watermark and stop at the first gap, so an advance costs the events applied
     * since the last one, not the whole table (a min() over an anti join walked every event above it).
     */
    long advanceWatermark() {
        return jdbc.sql("update " + schema + ".watermark w set position = greatest(w.position, coalesce("
                        + " (select e.position - 1 from rating_events e where e.position > w.position"
                        + "   and not exists (select 1 from " + schema
                        + ".applied_events a where a.position = e.position and a.position > w.position)"
                        + "   order by e.position limit 1),"
                        + " (select coalesce(max(e.position), 0) from rating_events e))) returning position")
                .query(Long.class)
                .single();
    }

    private static <T> Predicate<T> distinctBy(Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        return value -> seen.add(key.apply(value));
    }

    // Every array goes over the wire as text and is cast in SQL, so no value depends on the driver's or the session's
    // time zone.
    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue(
                "text",
                values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
