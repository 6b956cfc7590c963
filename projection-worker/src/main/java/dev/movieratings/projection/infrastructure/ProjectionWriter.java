package dev.movieratings.projection.infrastructure;

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

import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.json.RatingEventJson;
import dev.movieratings.projection.application.ProjectionOutcome;
import dev.movieratings.rating.projection.MovieScore;
import dev.movieratings.rating.projection.ProjectionFold;
import dev.movieratings.rating.projection.UserRating;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

/**
 * Writes a batch of events' effect into a set of projection tables: the live ones in schema
 * {@code projection}, or a rebuild's shadow copies. Must run inside the caller's transaction.
 *
 * <p>A batch costs a fixed handful of set-based statements, however many events it holds: lock its
 * streams, record its events as applied (an event already recorded, or at or below the watermark, is
 * a duplicate and stops there), read the streams' stored state, fold the new events in memory with
 * the domain's projection math, and write each changed stream once and each movie's summed change once.
 */
final class ProjectionWriter {

    private static final Comparator<StoredEvent> BY_POSITION = Comparator.comparingLong(StoredEvent::position);

    // Two batches touching the same streams take their locks in one order, so they queue rather than deadlock.
    private static final String LOCK_IN_ORDER = "select count(pg_advisory_xact_lock(k)) from (select distinct hashtextextended(user_id, movie_id) as k";

    private final JdbcClient jdbc;
    private final String schema;

    ProjectionWriter(JdbcClient jdbc, String schema) {
        this.jdbc = jdbc;
        this.schema = schema;
    }

    ProjectionOutcome apply(long position, RatingEvent event) {
        return applyAll(List.of(new StoredEvent(position, event))).get(event.eventId());
    }

    /**
     * Applies the events the event store holds under these ids — a message can only point at a
     * committed event, never forge one — and marks earlier failures of them resolved.
     *
     * @return each stored event's outcome, by event id (an id the store does not hold is left out)
     */
    Map<UUID, ProjectionOutcome> applyStored(Collection<UUID> eventIds) {
        SqlArrayValue ids = texts(eventIds.stream());
        List<StoredEvent> stored = jdbc.sql("with stored as (select position, user_id, movie_id, payload from rating_events where event_id = any(?::uuid[])),"
                        + " locked as (" + LOCK_IN_ORDER + " from stored order by k offset 0) as keys),"
                        + " resolved as (update ops.projection_failures set resolved_at = now() where subject = any(?::text[]) and resolved_at is null)"
                        + " select s.position, s.payload::text as payload from stored s, locked")
                .params(ids, ids)
                .query((rs, row) -> new StoredEvent(rs.getLong("position"), RatingEventJson.read(rs.getString("payload"))))
                .list();
        return applyLocked(stored);
    }

    /** @return each distinct event's outcome, by event id */
    Map<UUID, ProjectionOutcome> applyAll(Collection<StoredEvent> events) {
        jdbc.sql("select count(*) from (" + LOCK_IN_ORDER + " from unnest(?::text[], ?::bigint[]) as s(user_id, movie_id) order by k offset 0) as keys) as locked")
                .params(texts(events.stream().map(e -> e.event().userId())), texts(events.stream().map(e -> e.event().movieId())))
                .query(Long.class).single();
        return applyLocked(events);
    }

    private Map<UUID, ProjectionOutcome> applyLocked(Collection<StoredEvent> delivered) {
        Map<UUID, StoredEvent> distinct = new LinkedHashMap<>();
        delivered.stream().sorted(BY_POSITION).forEach(stored -> distinct.putIfAbsent(stored.event().eventId(), stored));
        Map<UUID, ProjectionOutcome> outcomes = new HashMap<>();
        if (distinct.isEmpty()) {
            return outcomes;
        }
        Set<UUID> recorded = recordApplied(distinct.values());
        List<StoredEvent> fresh = distinct.values().stream().filter(stored -> recorded.contains(stored.event().eventId())).toList();
        ProjectionFold fold = new ProjectionFold();
        storedStreams(fresh).forEach(fold::resumeFrom);
        for (StoredEvent stored : distinct.values()) {
            UUID id = stored.event().eventId();
            if (!recorded.contains(id)) {
                outcomes.put(id, ProjectionOutcome.DUPLICATE);
            } else {
                outcomes.put(id, fold.apply(stored.event()) ? ProjectionOutcome.APPLIED : ProjectionOutcome.STALE);
            }
        }
        writeStreams(fold);
        writeScores(fold);
        return outcomes;
    }

    private Set<UUID> recordApplied(Collection<StoredEvent> events) {
        return new HashSet<>(jdbc.sql("insert into " + schema + ".applied_events (event_id, position)"
                        + " select e, p from unnest(?::uuid[], ?::bigint[]) as t(e, p) where p > (select position from " + schema + ".watermark)"
                        + " on conflict do nothing returning event_id")
                .params(texts(events.stream().map(e -> e.event().eventId())),
                        texts(events.stream().map(StoredEvent::position)))
                .query(UUID.class).list());
    }

    private List<UserRating> storedStreams(List<StoredEvent> fresh) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<RatingEvent> events = fresh.stream().map(StoredEvent::event)
                .filter(distinctBy(event -> event.userId() + "\u0000" + event.movieId())).toList();
        return jdbc.sql("select r.* from " + schema + ".user_ratings r join unnest(?::text[], ?::bigint[]) as s(u, m)"
                        + " on r.user_id = s.u and r.movie_id = s.m")
                .params(texts(events.stream().map(RatingEvent::userId)), texts(events.stream().map(RatingEvent::movieId)))
                .query((rs, row) -> UserRatingRows.read(rs)).list();
    }

    /**
     * Writes each changed stream's new state, and creates the score rows of movies seen for the first
     * time: a change can be negative, and a row's checks must only ever see real totals.
     */
    private void writeStreams(ProjectionFold fold) {
        List<UserRating> streams = fold.changedStreams();
        if (streams.isEmpty()) {
            return;
        }
        jdbc.sql("with streams as (insert into " + schema + ".user_ratings as r (user_id, movie_id, stream_version, stars, review_text,"
                        + " review_spoiler, rated_since, updated_at)"
                        + " select * from unnest(?::text[], ?::bigint[], ?::int[], ?::numeric[], ?::text[], ?::boolean[], ?::timestamptz[], ?::timestamptz[])"
                        + " on conflict (user_id, movie_id) do update set stream_version = excluded.stream_version, stars = excluded.stars,"
                        + " review_text = excluded.review_text, review_spoiler = excluded.review_spoiler, rated_since = excluded.rated_since,"
                        + " updated_at = excluded.updated_at)"
                        + " insert into " + schema + ".movie_scores (movie_id) select m from unnest(?::bigint[]) as m order by m on conflict do nothing")
                .params(texts(streams.stream().map(UserRating::userId)),
                        texts(streams.stream().map(UserRating::movieId)),
                        texts(streams.stream().map(UserRating::version)),
                        texts(streams.stream().map(r -> r.isCurrent() ? r.stars().decimal() : null)),
                        texts(streams.stream().map(r -> r.hasReview() ? r.review().text() : null)),
                        texts(streams.stream().map(r -> r.hasReview() ? r.review().spoiler() : null)),
                        texts(streams.stream().map(UserRating::ratedSince)),
                        texts(streams.stream().map(UserRating::updatedAt)),
                        texts(fold.scores().stream().map(MovieScore::movieId)))
                .update();
    }

    /**
     * Adds each movie's summed change to its row, and the batch's to the global totals. The rows are
     * visited in movie order (a nested loop over the sorted changes), so two batches queue rather than
     * deadlock; should PostgreSQL still see a deadlock, the batch fails and is re-applied event by event.
     */
    private void writeScores(ProjectionFold fold) {
        List<MovieScore> changes = fold.scores().stream().sorted(Comparator.comparingLong(MovieScore::movieId)).toList();
        if (changes.isEmpty()) {
            return;
        }
        long count = changes.stream().mapToLong(MovieScore::ratingCount).sum();
        BigDecimal sum = BigDecimal.valueOf(changes.stream().mapToLong(MovieScore::halvesSum).sum() * 5L, 1);
        jdbc.sql("with totals as (update " + schema + ".rating_totals set rating_count = rating_count + ?, stars_sum = stars_sum + ?"
                        + "   where ? <> 0 or ? <> 0)"
                        + " update " + schema + ".movie_scores s set"
                        + " rating_count = s.rating_count + d.count,"
                        + " stars_sum = s.stars_sum + d.sum,"
                        + " histogram = (select array_agg(a + b order by i) from unnest(s.histogram, d.histogram::bigint[]) with ordinality as h(a, b, i)),"
                        + " review_count = s.review_count + d.reviews,"
                        + " last_rated_at = greatest(s.last_rated_at, d.rated_at)"
                        + " from unnest(?::bigint[], ?::bigint[], ?::numeric[], ?::text[], ?::bigint[], ?::timestamptz[]) as d(movie_id, count, sum, histogram, reviews, rated_at)"
                        + " where s.movie_id = d.movie_id")
                .params(count, sum, count, sum,
                        texts(changes.stream().map(MovieScore::movieId)),
                        texts(changes.stream().map(MovieScore::ratingCount)),
                        texts(changes.stream().map(MovieScore::starsSum)),
                        texts(changes.stream().map(change -> UserRatingRows.histogramLiteral(change.histogram()))),
                        texts(changes.stream().map(MovieScore::reviewCount)),
                        texts(changes.stream().map(change -> fold.lastRatedAt(change.movieId()))))
                .update();
    }

    /** Moves the low watermark up to just below the first committed event not yet applied. */
    long advanceWatermark() {
        return jdbc.sql("update " + schema + ".watermark w set position = greatest(w.position, coalesce("
                        + " (select min(e.position) - 1 from rating_events e where e.position > w.position"
                        + "   and not exists (select 1 from " + schema + ".applied_events a where a.position = e.position)),"
                        + " (select coalesce(max(e.position), 0) from rating_events e))) returning position")
                .query(Long.class).single();
    }

    private static <T> Predicate<T> distinctBy(Function<T, Object> key) {
        Set<Object> seen = new HashSet<>();
        return value -> seen.add(key.apply(value));
    }

    // Every array goes over the wire as text and is cast in SQL, so no value depends on the driver's or the session's time zone.
    private static SqlArrayValue texts(Stream<?> values) {
        return new SqlArrayValue("text", values.map(value -> value == null ? null : value.toString()).toArray());
    }
}
