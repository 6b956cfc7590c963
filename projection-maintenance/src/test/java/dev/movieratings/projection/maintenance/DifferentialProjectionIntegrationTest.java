package dev.movieratings.projection.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.movieratings.embedded.EmbeddedDatabase;
import dev.movieratings.embedded.LocalLambda;
import dev.movieratings.embedded.SqsEvents;
import dev.movieratings.events.DiaryEntryDeleted;
import dev.movieratings.events.DiaryEntryEdited;
import dev.movieratings.events.DiaryEntryLogged;
import dev.movieratings.events.DiaryEvent;
import dev.movieratings.events.MovieTagged;
import dev.movieratings.events.MovieUntagged;
import dev.movieratings.events.MovieUnwatchlisted;
import dev.movieratings.events.MovieWatchlisted;
import dev.movieratings.events.PersonErased;
import dev.movieratings.events.RatingErased;
import dev.movieratings.events.RatingEvent;
import dev.movieratings.events.RatingRetracted;
import dev.movieratings.events.RatingSubmitted;
import dev.movieratings.events.Review;
import dev.movieratings.events.json.BusEnvelope;
import dev.movieratings.eventstore.EventTable;
import dev.movieratings.migrations.DatabaseLogins;
import dev.movieratings.migrations.DatabaseRole;
import dev.movieratings.projection.ProjectionWorkerApplication;
import dev.movieratings.projection.application.ProjectingEvents;
import dev.movieratings.projection.maintenance.infrastructure.JdbcProjectionMaintenance;
import dev.movieratings.projection.maintenance.infrastructure.ProjectionRebuild;
import dev.movieratings.projection.sqs.ProjectRatingEventsFunction;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The differential proof: random histories of rate / change / retract / review edits / erasures (every
 * stream of the user ends in a RatingErased; the user may rate again afterwards) / diary viewings logged
 * (with stars: followed by the RatingSubmitted they set, interleaved with plain ratings), edited and
 * deleted / watchlist adds and removals (issue 20: a rating takes the film off the list; an erasure empties
 * it) / tags put on and taken off (issue 19: an erasure takes them all off) / each erasure's PersonErased on the
 * person's own stream (issue 16: applied, changes no row) by several users on
 * several movies are delivered through the real projector function with random duplicates,
 * reordering and injected failures — before the batch's transaction and inside it, after its writes,
 * so whole batches roll back and are applied again one by one — and redelivered as SQS would. After
 * each history the live tables must equal, on every projected column and on {@code rating_totals}, an
 * independent oracle (the last event of each stream, read from the events' own fields). After all of
 * them, the SQL rebuild that ops run ({@link ProjectionRebuild}) runs on the same database and must
 * reproduce every live row and column, and the oracle.
 */
class DifferentialProjectionIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final long FIRST_MOVIE = 100_000;
    private static final AtomicLong MOVIES = new AtomicLong(FIRST_MOVIE);
    private static final List<RatingEvent> EVERY_EVENT = new ArrayList<>();
    /** The person stream's latest version per user, over every history (the users recur in all of them). */
    private static final Map<String, Integer> PERSON_VERSIONS = new HashMap<>();

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;
    private static JdbcClient jdbc;
    private static LocalLambda projector;
    private static ListAppender<ILoggingEvent> projectorLog;
    private static final List<Class<?>> PROJECTOR_LOGGERS =
            List.of(ProjectRatingEventsFunction.class, ProjectingEvents.class);

    /**
     * One command: which stream (4 users × 3 movies), retract, erase (the stream's user erases all their
     * data), a diary action (1 log a viewing with stars, which sets the rating too; 2 log one without; 3 edit
     * one of the stream's entries; 4 delete one), put on or take off the watchlist, or rate, stars, review,
     * seconds later.
     */
    record Command(
            int stream,
            boolean retract,
            boolean erase,
            int diary,
            boolean watch,
            boolean unwatch,
            int tag,
            int halves,
            int review,
            int secondsLater) {}

    private static final Gen<Command> COMMANDS = integers()
            .between(0, 11)
            .zip(
                    integers().between(0, 18),
                    integers().between(1, 10),
                    integers().between(0, 5),
                    integers().between(1, 100),
                    (stream, action, halves, review, later) -> new Command(
                            stream,
                            action < 2,
                            action == 9,
                            action >= 10 && action <= 13 ? action - 9 : 0,
                            action == 14 || action == 15,
                            action == 16,
                            action >= 17 ? action - 16 : 0,
                            halves,
                            review,
                            later));

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        jdbc = JdbcClient.create(database.dataSource());
        projector = LocalLambda.start(
                ProjectionWorkerApplication.class,
                "projectRatingEvents",
                logins.springDataSource(
                        DatabaseRole.PROJECTOR,
                        Map.of("PROJECTOR_FAILURE_RATE", "0.1", "PROJECTOR_TRANSACTION_FAILURE_RATE", "0.15")));
        projectorLog = new ListAppender<>();
        projectorLog.start();
        // the function logs each message it could not apply, the use case each batch it applied one by one
        for (Class<?> logger : PROJECTOR_LOGGERS) {
            ((Logger) LoggerFactory.getLogger(logger)).addAppender(projectorLog);
        }
    }

    @AfterAll
    static void stop() {
        for (Class<?> logger : PROJECTOR_LOGGERS) {
            ((Logger) LoggerFactory.getLogger(logger)).detachAppender(projectorLog);
        }
        database.close();
    }

    @Test
    void liveEqualsTheOracleAndTheSqlRebuildOfEveryHistory() {
        PropertyRuns.tries(200)
                .forAll(lists().of(COMMANDS).ofSizeBetween(1, 25), longs().all())
                .checkAssert(DifferentialProjectionIntegrationTest::deliverAndCompare);

        assertThat(logged("applying its events one by one", "injected failure inside the transaction"))
                .as("batches rolled back by a failure inside their transaction, then applied one by one")
                .isPositive();
        assertThat(logged("not applied (receive", "injected random failure"))
                .as("messages failed before any transaction, and redelivered")
                .isPositive();

        assertThat(EVERY_EVENT.stream().filter(RatingErased.class::isInstance))
                .as("erasures among the histories")
                .isNotEmpty();
        assertThat(EVERY_EVENT.stream().filter(MovieUnwatchlisted.class::isInstance))
                .as("films taken off watchlists among the histories")
                .isNotEmpty();
        assertThat(EVERY_EVENT.stream().filter(MovieUntagged.class::isInstance))
                .as("tags taken off among the histories")
                .isNotEmpty();
        assertThat(EVERY_EVENT.stream().filter(PersonErased.class::isInstance))
                .as("erasures' audit records among the histories, some of a person with nothing to close")
                .isNotEmpty()
                .anyMatch(event -> ((PersonErased) event).streams() == 0);
        Map<String, String> liveTags = Tags.read(FIRST_MOVIE, MOVIES.get());
        Map<String, String> liveWatchlist = Watchlist.read(FIRST_MOVIE, MOVIES.get());
        // every history above is in this one database, each on its own movies: the SQL rebuild ops run must
        // reproduce every live row and column (one rebuild per history would cost seconds each)
        Tables live = Tables.read(FIRST_MOVIE, MOVIES.get());
        History liveHistory = History.read(FIRST_MOVIE, MOVIES.get());
        Map<String, String> liveRatedPositions = Watchlist.ratedPositions(FIRST_MOVIE, MOVIES.get());
        Map<String, String> liveVotes = HelpfulHistories.read(jdbc, FIRST_MOVIE, MOVIES.get());
        JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS)).rebuildAll();
        assertThat(liveVotes)
                .as("helpful votes of every history, some ended by the end of their review")
                .isEqualTo(HelpfulHistories.expect(EVERY_EVENT))
                .isEqualTo(HelpfulHistories.read(jdbc, FIRST_MOVIE, MOVIES.get()));
        assertThat(liveVotes.values())
                .anyMatch(vote -> vote.contains("marked=true") && vote.endsWith("counted=false"))
                .anyMatch(vote -> vote.endsWith("counted=true"));
        Tables rebuilt = Tables.read(FIRST_MOVIE, MOVIES.get());
        assertThat(History.read(FIRST_MOVIE, MOVIES.get()))
                .as("rebuilt score history")
                .isEqualTo(liveHistory)
                .isEqualTo(History.expect(ratings(EVERY_EVENT), FIRST_MOVIE, MOVIES.get()));
        assertThat(liveWatchlist)
                .as("watchlist of every history")
                .isNotEmpty()
                .isEqualTo(Watchlist.expect(EVERY_EVENT));
        assertThat(Watchlist.read(FIRST_MOVIE, MOVIES.get()))
                .as("rebuilt watchlist")
                .isEqualTo(liveWatchlist);
        assertThat(Tags.read(FIRST_MOVIE, MOVIES.get()))
                .as("rebuilt tags")
                .isEqualTo(liveTags)
                .isEqualTo(Tags.expect(EVERY_EVENT));
        assertThat(Watchlist.ratedPositions(FIRST_MOVIE, MOVIES.get()))
                .as("rebuilt watchlist's rating positions")
                .isEqualTo(liveRatedPositions);
        assertThat(JdbcProjectionMaintenance.create(logins.dataSource(DatabaseRole.OPS))
                        .verify()
                        .differences())
                .as("verify after the rebuild")
                .isEmpty();
        Tables expected = Oracle.expect(ratings(EVERY_EVENT), new Totals(0, BigDecimal.ZERO));
        assertThat(live.userRatings).as("user_ratings of every history").isNotEmpty();
        assertThat(rebuilt.userRatings).as("rebuilt user_ratings").isEqualTo(live.userRatings);
        assertThat(rebuilt.movieScores).as("rebuilt movie_scores").isEqualTo(live.movieScores);
        assertThat(rebuilt.totals).as("rebuilt rating_totals").isEqualTo(live.totals);
        assertThat(rebuilt.diary)
                .as("rebuilt diary_entries")
                .isEqualTo(live.diary)
                .isEqualTo(expected.diary);
        assertThat(EVERY_EVENT.stream().filter(DiaryEntryDeleted.class::isInstance))
                .as("deleted diary entries among the histories")
                .isNotEmpty();
        assertThat(rebuilt.watermark).as("rebuilt watermark").isEqualTo(highestPosition());
        assertThat(rebuilt.userRatings)
                .as("rebuilt user_ratings against the oracle")
                .isEqualTo(expected.userRatings);
        assertThat(rebuilt.movieScores)
                .as("rebuilt movie_scores against the oracle")
                .isEqualTo(expected.movieScores);
        assertThat(rebuilt.totals)
                .as("rebuilt rating_totals against the oracle")
                .isEqualTo(expected.totals);
    }

    private static void deliverAndCompare(List<Command> commands, long deliverySeed) {
        long firstMovie = MOVIES.getAndAdd(3);
        List<Long> movies = List.of(firstMovie, firstMovie + 1, firstMovie + 2);
        movies.forEach(id -> jdbc.sql("insert into movies (movie_id, title) values (?, ?)")
                .params(id, "Movie " + id)
                .update());
        // helpful votes (issue 20) among the ratings, decided from the commands so a try replays the same votes
        List<RatingEvent> history =
                HelpfulHistories.withVotes(history(commands, movies), new Random(commands.hashCode()));
        history.forEach(event -> EventTable.append(database.dataSource(), event));
        EVERY_EVENT.addAll(history);

        // the totals cover every history: this one must move them by exactly its own current ratings
        Totals before = Totals.read();
        deliverChaotically(history, new Random(deliverySeed));

        Tables live = Tables.read(firstMovie, firstMovie + 3);
        Tables expected = Oracle.expect(ratings(history), before);
        assertThat(live.userRatings).as("live user_ratings").isEqualTo(expected.userRatings);
        assertThat(live.movieScores).as("live movie_scores").isEqualTo(expected.movieScores);
        assertThat(live.totals).as("live rating_totals").isEqualTo(expected.totals);
        assertThat(live.watermark).as("live watermark: every event applied").isEqualTo(highestPosition());
        assertThat(live.diary).as("live diary_entries").isEqualTo(expected.diary);
        assertThat(History.read(firstMovie, firstMovie + 3).movies())
                .as("live score history of this try's movies")
                .isEqualTo(History.expect(ratings(history), firstMovie, firstMovie + 3)
                        .movies());
        assertThat(Watchlist.read(firstMovie, firstMovie + 3))
                .as("live watchlist of this try's movies")
                .isEqualTo(Watchlist.expect(history));
        assertThat(HelpfulHistories.read(jdbc, firstMovie, firstMovie + 3))
                .as("live helpful votes of this try's movies")
                .isEqualTo(HelpfulHistories.expect(history));
        assertThat(Tags.read(firstMovie, firstMovie + 3))
                .as("live tags of this try's movies")
                .isEqualTo(Tags.expect(history));
    }

    /** The user's latest event in the history so far, or null. */
    private static @Nullable RatingEvent lastOf(List<RatingEvent> events, String user) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).userId().equals(user)) {
                return events.get(i);
            }
        }
        return null;
    }

    /** The rating streams' events: the ratings' oracles know nothing of the watchlist. */
    private static List<RatingEvent> ratings(List<RatingEvent> events) {
        return events.stream()
                .filter(e -> RatingEvent.RATING_STREAM.equals(e.stream()))
                .toList();
    }

    /**
     * Commands as users make them: rate, change (with or without editing the review), retract, rate again,
     * erase everything (one RatingErased per stream of the user, as the command side appends them).
     */
    private static List<RatingEvent> history(List<Command> commands, List<Long> movies) {
        Map<String, RatingSubmitted> current = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        Map<String, List<DiaryEntryLogged>> entries = new HashMap<>();
        // the watchlist streams, as the command decides: listed, and whether a rating came after the listing
        Map<String, Integer> watchVersions = new HashMap<>();
        Map<String, Boolean> listed = new HashMap<>();
        Map<String, Boolean> ratedAfter = new HashMap<>();
        // the tag streams (issue 19), as the command decides: which of five tags are on, and the stream's version
        Map<String, Map<Integer, UUID>> tagsOn = new HashMap<>();
        Map<String, Integer> tagVersions = new HashMap<>();
        Map<String, Boolean> tagsErased = new HashMap<>();
        List<RatingEvent> events = new ArrayList<>();
        Instant clock = T0;
        for (Command command : commands) {
            String user = "u" + command.stream() / 3;
            long movie = movies.get(command.stream() % 3);
            String key = user + "/" + movie;
            int version = versions.getOrDefault(key, 0) + 1;
            // up to about three and a half days a step, so histories cross days and months of the score history
            clock = clock.plusSeconds(command.secondsLater() * 3_000L);
            RatingSubmitted before = current.get(key);
            if (command.erase()) {
                UUID erasure = UUID.randomUUID();
                int before0 = events.size();
                for (long erased : movies) {
                    String stream = user + "/" + erased;
                    if (versions.containsKey(stream)) {
                        RatingSubmitted rating = current.remove(stream);
                        int next = versions.get(stream) + 1;
                        events.add(new RatingErased(
                                UUID.randomUUID(),
                                user,
                                erased,
                                next,
                                clock,
                                rating == null ? null : rating.stars(),
                                erasure));
                        versions.put(stream, next);
                        entries.remove(stream);
                    }
                    if (tagVersions.containsKey(stream) && !tagsErased.getOrDefault(stream, false)) {
                        int next = tagVersions.get(stream) + 1;
                        events.add(new MovieUntagged(UUID.randomUUID(), user, erased, next, clock, null, erasure));
                        tagVersions.put(stream, next);
                        tagsErased.put(stream, true);
                        tagsOn.remove(stream);
                    }
                    if (listed.getOrDefault(stream, false)) {
                        int next = watchVersions.get(stream) + 1;
                        events.add(new MovieUnwatchlisted(UUID.randomUUID(), user, erased, next, clock, erasure));
                        watchVersions.put(stream, next);
                        listed.put(stream, false);
                    }
                }
                // the erasure's audit record on the person's own stream (issue 16), last, as the command appends it;
                // the users recur in every history, so the person stream's versions count across all of them
                int closed = events.size() - before0;
                if (closed > 0 || !(lastOf(events, user) instanceof PersonErased)) {
                    events.add(new PersonErased(
                            UUID.randomUUID(),
                            user,
                            PERSON_VERSIONS.merge(user, 1, Integer::sum),
                            clock,
                            erasure,
                            closed));
                }
                continue;
            }
            if (command.tag() > 0) {
                Map<Integer, UUID> on = tagsOn.computeIfAbsent(key, k -> new HashMap<>());
                UUID tagged = on.get(command.review());
                if ((command.tag() == 1) == (tagged == null)) {
                    int next = tagVersions.getOrDefault(key, 0) + 1;
                    if (tagged == null) {
                        UUID tagId = UUID.randomUUID();
                        events.add(new MovieTagged(UUID.randomUUID(), user, movie, next, clock, tagId));
                        on.put(command.review(), tagId);
                    } else {
                        events.add(new MovieUntagged(UUID.randomUUID(), user, movie, next, clock, tagged, null));
                        on.remove(command.review());
                    }
                    tagVersions.put(key, next);
                    tagsErased.put(key, false);
                }
                continue;
            }
            boolean onList = listed.getOrDefault(key, false) && !ratedAfter.getOrDefault(key, false);
            if (command.watch() || command.unwatch()) {
                if (command.watch() != onList) {
                    int next = watchVersions.getOrDefault(key, 0) + 1;
                    events.add(
                            command.watch()
                                    ? new MovieWatchlisted(UUID.randomUUID(), user, movie, next, clock)
                                    : new MovieUnwatchlisted(UUID.randomUUID(), user, movie, next, clock, null));
                    watchVersions.put(key, next);
                    listed.put(key, command.watch());
                    ratedAfter.put(key, false);
                }
                continue;
            }
            if (command.diary() > 0) {
                int after = diary(command, user, movie, version, clock, before, entries, current, events);
                if (after > version) {
                    ratedAfter.put(key, true); // the viewing's stars set the rating: the film leaves the list
                }
                versions.put(key, after);
                continue;
            }
            if (before != null && command.retract()) {
                events.add(new RatingRetracted(UUID.randomUUID(), user, movie, version, clock, before.stars()));
                current.remove(key);
            } else {
                Review review = command.review() < 2
                        ? null
                        : new Review("review " + command.review(), command.review() % 2 == 0);
                RatingSubmitted submitted = new RatingSubmitted(
                        UUID.randomUUID(),
                        user,
                        movie,
                        version,
                        clock,
                        command.halves() / 2.0,
                        before == null ? null : before.stars(),
                        before == null ? clock : before.ratedSince(),
                        review);
                events.add(submitted);
                current.put(key, submitted);
                ratedAfter.put(key, true);
            }
            versions.put(key, version);
        }
        return events;
    }

    /**
     * A diary action as the command side decides it: a viewing with stars is followed in the same stream by the
     * RatingSubmitted the rating's own rule makes (none when the stars are the current ones); an edit or a
     * deletion picks one of the stream's live entries. @return the stream's version after it
     */
    private static int diary(
            Command command,
            String user,
            long movie,
            int version,
            Instant clock,
            RatingSubmitted before,
            Map<String, List<DiaryEntryLogged>> entries,
            Map<String, RatingSubmitted> current,
            List<RatingEvent> events) {
        String key = user + "/" + movie;
        List<DiaryEntryLogged> live = entries.computeIfAbsent(key, k -> new ArrayList<>());
        LocalDate watched = LocalDate.of(1990 + command.review() % 37, 1 + command.halves(), 1 + command.review() % 28);
        Double stars = command.diary() == 1 || command.diary() == 3 && command.review() % 2 == 0
                ? command.halves() / 2.0
                : null;
        if (command.diary() <= 2 || live.isEmpty()) {
            DiaryEntryLogged logged = new DiaryEntryLogged(
                    UUID.randomUUID(),
                    user,
                    movie,
                    version,
                    clock,
                    UUID.randomUUID(),
                    watched,
                    command.diary() == 2,
                    stars);
            events.add(logged);
            live.add(logged);
        } else {
            DiaryEntryLogged entry = live.get(command.review() % live.size());
            if (command.diary() == 4) {
                events.add(new DiaryEntryDeleted(UUID.randomUUID(), user, movie, version, clock, entry.entryId()));
                live.remove(entry);
                return version;
            }
            events.add(new DiaryEntryEdited(
                    UUID.randomUUID(),
                    user,
                    movie,
                    version,
                    clock,
                    entry.entryId(),
                    watched,
                    true,
                    stars,
                    entry.occurredAt()));
        }
        if (stars == null || before != null && before.stars() == stars) {
            return version;
        }
        RatingSubmitted rating = new RatingSubmitted(
                UUID.randomUUID(),
                user,
                movie,
                version + 1,
                clock,
                stars,
                before == null ? null : before.stars(),
                before == null ? clock : before.ratedSince(),
                before == null ? null : before.review(),
                RatingSubmitted.DIARY);
        events.add(rating);
        current.put(key, rating);
        return version + 1;
    }

    /** Like SQS with a flaky consumer: duplicates, any order, batches of up to 10, failed messages come back. */
    private static void deliverChaotically(List<RatingEvent> history, Random random) {
        List<RatingEvent> pending = new ArrayList<>(history);
        for (int i = 0; i < history.size() / 3; i++) {
            pending.add(history.get(random.nextInt(history.size())));
        }
        int rounds = 0;
        while (!pending.isEmpty()) {
            assertThat(++rounds).as("deliveries converge").isLessThan(500);
            Collections.shuffle(pending, random);
            List<RatingEvent> batch =
                    new ArrayList<>(pending.subList(0, Math.min(pending.size(), 1 + random.nextInt(10))));
            pending.subList(0, batch.size()).clear();
            List<SqsEvents.Message> messages = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                messages.add(new SqsEvents.Message(
                        "m" + i, "r" + i, BusEnvelope.wrap(batch.get(i), "123456789012", "eu-west-1", T0), 1, 0));
            }
            List<String> failed = SqsEvents.failedMessageIds(
                    projector.invoke(SqsEvents.toJson(messages, "arn:aws:sqs:eu-west-1:123456789012:q")));
            for (String id : failed) {
                pending.add(batch.get(Integer.parseInt(id.substring(1))));
            }
        }
    }

    private static long logged(String message, String cause) {
        return projectorLog.list.stream()
                .filter(event -> event.getFormattedMessage().contains(message)
                        && event.getFormattedMessage().contains(cause))
                .count();
    }

    private static long highestPosition() {
        return jdbc.sql("select max(position) from rating_events")
                .query(Long.class)
                .single();
    }

    /** Every projected column of one try's three movies, the global totals and the watermark. */
    private record Tables(
            Map<String, String> userRatings,
            Map<Long, String> movieScores,
            String totals,
            long watermark,
            Map<String, String> diary) {

        /** Movies from {@code from} up to, not including, {@code to}. */
        static Tables read(long from, long to) {
            Map<String, String> ratings = new TreeMap<>();
            jdbc.sql("""
                            select user_id, movie_id, stream_version, stars, review_spoiler, rated_since, updated_at
                            from projection.user_ratings where movie_id >= ? and movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) -> ratings.put(
                            rs.getString("user_id") + "/" + rs.getLong("movie_id"),
                            rating(
                                    rs.getInt("stream_version"),
                                    rs.getBigDecimal("stars"),
                                    (Boolean) rs.getObject("review_spoiler"),
                                    instant(rs, "rated_since"),
                                    instant(rs, "updated_at"))))
                    .list();
            Map<Long, String> scores = new TreeMap<>();
            jdbc.sql("""
                            select movie_id, rating_count, stars_sum, histogram, review_count, last_rated_at
                            from projection.movie_scores where movie_id >= ? and movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) -> scores.put(
                            rs.getLong("movie_id"),
                            score(
                                    rs.getLong("rating_count"),
                                    rs.getBigDecimal("stars_sum"),
                                    Arrays.stream((Long[])
                                                    rs.getArray("histogram").getArray())
                                            .mapToLong(Long::longValue)
                                            .toArray(),
                                    rs.getLong("review_count"),
                                    instant(rs, "last_rated_at"))))
                    .list();
            String totals = Totals.read().toString();
            long watermark = jdbc.sql("select position from projection.watermark")
                    .query(Long.class)
                    .single();
            Map<String, String> diary = new TreeMap<>();
            jdbc.sql("select * from projection.diary_entries where movie_id >= ? and movie_id < ?")
                    .params(from, to)
                    .query((rs, n) -> diary.put(
                            rs.getString("entry_id"),
                            entry(
                                    rs.getString("user_id") + "/" + rs.getLong("movie_id"),
                                    rs.getInt("stream_version"),
                                    rs.getString("watched_on"),
                                    rs.getBoolean("rewatch"),
                                    rs.getBigDecimal("stars"),
                                    instant(rs, "logged_at"),
                                    instant(rs, "updated_at"))))
                    .list();
            return new Tables(ratings, scores, totals, watermark, diary);
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            Timestamp timestamp = rs.getTimestamp(column);
            return timestamp == null ? null : timestamp.toInstant();
        }
    }

    /** A review is there when its spoiler flag is: the projections keep no text (it is personal content). */
    static String rating(int version, BigDecimal stars, Boolean spoiler, Instant ratedSince, Instant updatedAt) {
        return "v" + version + " stars="
                + (stars == null ? null : stars.stripTrailingZeros().toPlainString()) + " review spoiler="
                + spoiler + " since=" + ratedSince + " updated=" + updatedAt;
    }

    static String entry(
            String stream,
            int version,
            String watchedOn,
            boolean rewatch,
            BigDecimal stars,
            Instant loggedAt,
            Instant updatedAt) {
        return stream + " v" + version + " watched=" + watchedOn + " rewatch=" + rewatch + " stars="
                + (stars == null ? null : stars.stripTrailingZeros().toPlainString()) + " logged=" + loggedAt
                + " updated=" + updatedAt;
    }

    static String score(long count, BigDecimal sum, long[] histogram, long reviews, Instant lastRated) {
        return "count=" + count + " sum=" + sum.stripTrailingZeros().toPlainString() + " histogram="
                + Arrays.toString(histogram) + " reviews=" + reviews + " last rated=" + lastRated;
    }

    private record Totals(long count, BigDecimal sum) {
        static Totals read() {
            return jdbc.sql("select rating_count, stars_sum from projection.rating_totals")
                    .query((rs, n) -> new Totals(rs.getLong(1), rs.getBigDecimal(2)))
                    .single();
        }

        @Override
        public String toString() {
            return count + " ratings, sum " + sum.stripTrailingZeros().toPlainString();
        }
    }

    /**
     * The score history rows: each movie's (and the totals') count, sum and histogram at the end of every UTC
     * day it has a row for.
     */
    private record History(Map<String, String> movies, Map<String, String> totals) {

        static History read(long from, long to) {
            Map<String, String> movies = new TreeMap<>();
            jdbc.sql("""
                            select movie_id, day::text, rating_count, stars_sum, histogram
                            from projection.movie_score_history where movie_id >= ? and movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) -> movies.put(
                            rs.getLong(1) + " " + rs.getString(2),
                            rs.getLong(3) + " "
                                    + rs.getBigDecimal(4).stripTrailingZeros().toPlainString() + " "
                                    + Arrays.toString((Long[]) rs.getArray(5).getArray())))
                    .list();
            Map<String, String> totals = new TreeMap<>();
            jdbc.sql("select day::text, rating_count, stars_sum from projection.rating_totals_history")
                    .query((rs, n) -> totals.put(
                            rs.getString(1),
                            rs.getLong(2) + " "
                                    + rs.getBigDecimal(3).stripTrailingZeros().toPlainString()))
                    .list();
            return new History(movies, totals);
        }

        /**
         * By the definition, naively: for every day with an event, each stream's latest event in event time up to
         * that day's end (UTC), whichever order the events were delivered in.
         */
        static History expect(List<RatingEvent> everything, long from, long to) {
            // the history is the scores': a viewing in the diary moves none
            List<RatingEvent> events = everything.stream()
                    .filter(event -> !(event instanceof DiaryEvent))
                    .toList();
            Map<String, String> movies = new TreeMap<>();
            Map<String, String> totals = new TreeMap<>();
            java.util.Set<java.time.LocalDate> allDays = new java.util.TreeSet<>();
            events.forEach(e -> allDays.add(day(e.occurredAt())));
            for (java.time.LocalDate day : allDays) {
                long[] all = stateAt(events, day);
                totals.put(day.toString(), all[0] + " " + halvesToText(all[1]));
            }
            Map<Long, List<RatingEvent>> byMovie = new HashMap<>();
            events.forEach(e ->
                    byMovie.computeIfAbsent(e.movieId(), m -> new ArrayList<>()).add(e));
            for (long movie = from; movie < to; movie++) {
                List<RatingEvent> ofMovie = byMovie.getOrDefault(movie, List.of());
                java.util.Set<java.time.LocalDate> days = new java.util.TreeSet<>();
                ofMovie.forEach(e -> days.add(day(e.occurredAt())));
                for (java.time.LocalDate day : days) {
                    long[] state = stateAt(ofMovie, day);
                    movies.put(
                            movie + " " + day,
                            state[0] + " " + halvesToText(state[1]) + " "
                                    + Arrays.toString(Arrays.copyOfRange(state, 2, 12)));
                }
            }
            return new History(movies, totals);
        }

        /** {count, halves, ten histogram buckets} of the ratings current at the end of the day. */
        private static long[] stateAt(List<RatingEvent> events, java.time.LocalDate day) {
            Map<String, RatingEvent> latest = new HashMap<>();
            for (RatingEvent event : events) {
                if (!day(event.occurredAt()).isAfter(day)) {
                    latest.merge(
                            event.userId() + "/" + event.movieId(),
                            event,
                            (a, b) -> a.occurredAt().isAfter(b.occurredAt())
                                            || (a.occurredAt().equals(b.occurredAt())
                                                    && a.streamVersion() > b.streamVersion())
                                    ? a
                                    : b);
                }
            }
            long[] state = new long[12];
            for (RatingEvent event : latest.values()) {
                if (event instanceof RatingSubmitted submitted) {
                    int halves = (int) Math.round(submitted.stars() * 2);
                    state[0]++;
                    state[1] += halves;
                    state[1 + halves]++;
                }
            }
            return state;
        }

        private static java.time.LocalDate day(Instant instant) {
            return java.time.LocalDate.ofInstant(instant, java.time.ZoneOffset.UTC);
        }

        private static String halvesToText(long halves) {
            return BigDecimal.valueOf(halves * 5L, 1).stripTrailingZeros().toPlainString();
        }
    }

    /** The watchlist rows of one try's movies (or all), and their oracle: the history in position order. */
    private static final class Watchlist {

        static Map<String, String> read(long from, long to) {
            Map<String, String> rows = new TreeMap<>();
            jdbc.sql("""
                            select user_id, movie_id, stream_version, listed, added_at, on_list
                            from projection.watchlist where movie_id >= ? and movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) -> rows.put(
                            rs.getString(1) + "/" + rs.getLong(2),
                            "v" + rs.getInt(3) + " listed=" + rs.getBoolean(4) + " at="
                                    + rs.getTimestamp(5).toInstant() + " on list=" + rs.getBoolean(6)))
                    .list();
            return rows;
        }

        static Map<String, String> ratedPositions(long from, long to) {
            Map<String, String> rows = new TreeMap<>();
            jdbc.sql("""
                            select user_id, movie_id, listed_position, rated_position
                            from projection.watchlist where movie_id >= ? and movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) ->
                            rows.put(rs.getString(1) + "/" + rs.getLong(2), rs.getLong(3) + " " + rs.getObject(4)))
                    .list();
            return rows;
        }

        /** Each stream's latest event decides; a rating later in the history (a higher position) takes it off. */
        static Map<String, String> expect(List<RatingEvent> history) {
            Map<String, RatingEvent> latest = new HashMap<>();
            Map<String, Integer> latestIndex = new HashMap<>();
            Map<String, Integer> lastRatingIndex = new HashMap<>();
            for (int i = 0; i < history.size(); i++) {
                RatingEvent event = history.get(i);
                String key = event.userId() + "/" + event.movieId();
                if (event instanceof RatingSubmitted) {
                    lastRatingIndex.put(key, i);
                } else if (event instanceof MovieWatchlisted || event instanceof MovieUnwatchlisted) {
                    RatingEvent before = latest.get(key);
                    if (before == null || event.streamVersion() > before.streamVersion()) {
                        latest.put(key, event);
                        latestIndex.put(key, i);
                    }
                }
            }
            Map<String, String> rows = new TreeMap<>();
            latest.forEach((key, event) -> {
                boolean isListed = event instanceof MovieWatchlisted;
                boolean onList = isListed && lastRatingIndex.getOrDefault(key, -1) < latestIndex.get(key);
                rows.put(
                        key,
                        "v" + event.streamVersion() + " listed=" + isListed + " at=" + event.occurredAt() + " on list="
                                + onList);
            });
            return rows;
        }
    }

    /**
     * The tag rows of one try's movies (or all), per stream: its version and the tags on. The oracle replays each
     * stream in version order (the projector and the rebuild instead keep each tag's highest version).
     */
    private static final class Tags {

        static Map<String, String> read(long from, long to) {
            Map<String, String> rows = new TreeMap<>();
            jdbc.sql("""
                            select s.user_id, s.movie_id, s.stream_version,
                                   coalesce((select string_agg(t.tag_id::text, ',' order by t.tag_id::text)
                                             from projection.user_tags t
                                             where t.user_id = s.user_id and t.movie_id = s.movie_id and t.tagged), '')
                            from projection.tag_streams s where s.movie_id >= ? and s.movie_id < ?""")
                    .params(from, to)
                    .query((rs, n) -> rows.put(
                            rs.getString(1) + "/" + rs.getLong(2), "v" + rs.getInt(3) + " on=" + rs.getString(4)))
                    .list();
            return rows;
        }

        static Map<String, String> expect(List<RatingEvent> history) {
            Map<String, java.util.SortedSet<String>> on = new TreeMap<>();
            Map<String, Integer> versions = new HashMap<>();
            history.stream()
                    .filter(event -> RatingEvent.TAG_STREAM.equals(event.stream()))
                    .sorted(java.util.Comparator.comparingInt(RatingEvent::streamVersion))
                    .forEach(event -> {
                        String key = event.userId() + "/" + event.movieId();
                        java.util.SortedSet<String> tags = on.computeIfAbsent(key, k -> new java.util.TreeSet<>());
                        versions.merge(key, event.streamVersion(), Math::max);
                        if (event instanceof MovieTagged tagged) {
                            tags.add(tagged.tagId().toString());
                        } else if (event instanceof MovieUntagged untagged && untagged.tagId() != null) {
                            tags.remove(untagged.tagId().toString());
                        } else {
                            tags.clear();
                        }
                    });
            Map<String, String> rows = new TreeMap<>();
            on.forEach((key, tags) -> rows.put(key, "v" + versions.get(key) + " on=" + String.join(",", tags)));
            return rows;
        }
    }

    /** Independent of the projection code: the latest event of each stream decides what counts. */
    private static final class Oracle {

        /** @param before the totals before this history: it only moves them by its own current ratings */
        static Tables expect(List<RatingEvent> everything, Totals before) {
            Map<String, String> diary = diary(everything);
            // a viewing moves no score and leaves no rating row; the RatingSubmitted it came with does
            List<RatingEvent> history = everything.stream()
                    .filter(event -> !(event instanceof DiaryEvent))
                    .toList();
            Map<String, String> ratings = new TreeMap<>();
            Map<Long, long[]> histograms = new TreeMap<>();
            Map<Long, Long> reviews = new HashMap<>();
            Map<Long, Instant> lastRated = new HashMap<>();
            for (RatingEvent event : history) {
                histograms.putIfAbsent(event.movieId(), new long[10]);
                reviews.putIfAbsent(event.movieId(), 0L);
                lastRated.merge(event.movieId(), event.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            latestPerStream(history).forEach((key, last) -> {
                if (last instanceof RatingSubmitted submitted) {
                    Review review = submitted.review();
                    ratings.put(
                            key,
                            rating(
                                    last.streamVersion(),
                                    BigDecimal.valueOf(submitted.stars()),
                                    review == null ? null : review.spoiler(),
                                    submitted.ratedSince(),
                                    last.occurredAt()));
                    histograms.get(last.movieId())[(int) (submitted.stars() * 2) - 1]++;
                    reviews.merge(last.movieId(), review == null ? 0L : 1L, Long::sum);
                } else {
                    ratings.put(key, rating(last.streamVersion(), null, null, null, last.occurredAt()));
                }
            });
            Map<Long, String> scores = new TreeMap<>();
            histograms.forEach((movie, histogram) -> {
                long count = Arrays.stream(histogram).sum();
                long halves = 0;
                for (int bucket = 0; bucket < 10; bucket++) {
                    halves += histogram[bucket] * (bucket + 1);
                }
                scores.put(
                        movie,
                        score(count, halvesToStars(halves), histogram, reviews.get(movie), lastRated.get(movie)));
            });
            long count = 0;
            long halves = 0;
            for (RatingEvent last : latestPerStream(history).values()) {
                if (last instanceof RatingSubmitted submitted) {
                    count++;
                    halves += Math.round(submitted.stars() * 2);
                }
            }
            Totals after = new Totals(before.count() + count, before.sum().add(halvesToStars(halves)));
            return new Tables(ratings, scores, after.toString(), 0, diary);
        }

        /** Each entry's last event decides it; an erasure of its stream with a higher version takes it away. */
        private static Map<String, String> diary(List<RatingEvent> events) {
            Map<UUID, DiaryEvent> last = new HashMap<>();
            Map<UUID, Instant> logged = new HashMap<>();
            Map<String, Integer> erased = new HashMap<>();
            for (RatingEvent event : events) {
                if (event instanceof DiaryEvent diary) {
                    last.merge(diary.entryId(), diary, (a, b) -> a.streamVersion() > b.streamVersion() ? a : b);
                    if (diary instanceof DiaryEntryLogged) {
                        logged.put(diary.entryId(), diary.occurredAt());
                    }
                } else if (event instanceof RatingErased) {
                    erased.merge(event.userId() + "/" + event.movieId(), event.streamVersion(), Math::max);
                }
            }
            Map<String, String> rows = new TreeMap<>();
            last.forEach((id, event) -> {
                String stream = event.userId() + "/" + event.movieId();
                if (event.streamVersion() < erased.getOrDefault(stream, 0)) {
                    return;
                }
                String row;
                if (event instanceof DiaryEntryLogged l) {
                    row = entry(
                            stream,
                            l.streamVersion(),
                            l.watchedOn().toString(),
                            l.rewatch(),
                            stars(l.stars()),
                            l.occurredAt(),
                            l.occurredAt());
                } else if (event instanceof DiaryEntryEdited e) {
                    row = entry(
                            stream,
                            e.streamVersion(),
                            e.watchedOn().toString(),
                            e.rewatch(),
                            stars(e.stars()),
                            logged.get(id),
                            e.occurredAt());
                } else {
                    row = entry(stream, event.streamVersion(), null, false, null, null, event.occurredAt());
                }
                rows.put(id.toString(), row);
            });
            return rows;
        }

        private static BigDecimal stars(Double stars) {
            return stars == null ? null : BigDecimal.valueOf(stars);
        }

        private static BigDecimal halvesToStars(long halves) {
            return BigDecimal.valueOf(halves).divide(BigDecimal.valueOf(2));
        }

        private static Map<String, RatingEvent> latestPerStream(List<RatingEvent> history) {
            Map<String, RatingEvent> latest = new HashMap<>();
            for (RatingEvent event : history) {
                latest.merge(
                        event.userId() + "/" + event.movieId(),
                        event,
                        (a, b) -> a.streamVersion() > b.streamVersion() ? a : b);
            }
            return latest;
        }
    }
}
