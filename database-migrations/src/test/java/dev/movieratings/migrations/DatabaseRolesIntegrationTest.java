package dev.movieratings.migrations;

import static dev.movieratings.migrations.DatabaseRole.ANALYST;
import static dev.movieratings.migrations.DatabaseRole.COMMAND;
import static dev.movieratings.migrations.DatabaseRole.OPS;
import static dev.movieratings.migrations.DatabaseRole.OWNER;
import static dev.movieratings.migrations.DatabaseRole.PROJECTOR;
import static dev.movieratings.migrations.DatabaseRole.QUERY;
import static dev.movieratings.migrations.DatabaseRole.RELAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movieratings.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's role is refused everything its code does not do (SQLSTATE 42501: insufficient
 * privilege, or not the owner). What each role may do is proven by the rest of the suite, where every
 * function connects as its own role; a few allowed statements here make sure a refusal is about the
 * statement, not about the login.
 */
class DatabaseRolesIntegrationTest {

    private static final String EVENT_COLUMNS =
            "(event_id, event_type, schema_version, user_id, movie_id, stream_version, occurred_at, payload)";
    private static final String AN_EVENT =
            EVENT_COLUMNS + " values (gen_random_uuid(), 'RatingSubmitted', 1, 'mallory', 1, 9, now(), '{}')";

    private static final String PARK = "insert into ops.parked_events (position, event_id, reason, parked_by)"
            + " select position, event_id, 'cannot be applied', 'os:test' from rating_events";
    private static final String AUDIT = "insert into ops.audit_log (actor, action, event_id, reason, outcome)"
            + " values ('os:test', 'park', gen_random_uuid(), 'cannot be applied', 'parked')";

    private static EmbeddedDatabase database;
    private static DatabaseLogins logins;

    @BeforeAll
    static void start() throws SQLException {
        database = EmbeddedDatabase.startTemporary(Path.of("target", "embedded-postgres"));
        logins = DatabaseLogins.random(database.jdbcUrl());
        logins.migrate(database.dataSource());
        try (Connection admin = database.dataSource().getConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("insert into movies (movie_id, title) values (1, 'Heat')");
            sql.execute("insert into rating_events " + AN_EVENT.replace("'mallory'", "'alice'"));
            sql.execute(
                    "insert into event_publications (position, event_id) select position, event_id from rating_events");
            sql.execute("insert into projection.movie_scores (movie_id) values (1)");
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // the query role reads, and writes nothing anywhere
                Arguments.of(QUERY, "insert into movies (movie_id, title) values (2, 'x')"),
                Arguments.of(QUERY, "update movies set title = 'x'"),
                Arguments.of(QUERY, "delete from movies"),
                Arguments.of(QUERY, "insert into users (user_id) values ('m')"),
                Arguments.of(QUERY, "select user_id from users"),
                // the personal store (V60): the command function writes it, the query function reads it
                Arguments.of(QUERY, "update personal.profiles set display_name = 'x'"),
                Arguments.of(QUERY, "delete from personal.review_texts"),
                Arguments.of(QUERY, "insert into personal.review_texts values ('m', 1, 1, 'x')"),
                Arguments.of(PROJECTOR, "select text from personal.review_texts"),
                Arguments.of(PROJECTOR, "select display_name from personal.profiles"),
                Arguments.of(RELAY, "select text from personal.review_texts"),
                Arguments.of(OPS, "select text from personal.review_texts"),
                Arguments.of(OPS, "select display_name from personal.profiles"),
                Arguments.of(OPS, "delete from personal.review_texts"),
                Arguments.of(ANALYST, "select text from personal.review_texts"),
                Arguments.of(ANALYST, "select * from personal.profiles"),
                // the request keys (V108) are the command function's alone
                Arguments.of(QUERY, "select key from personal.request_keys"),
                Arguments.of(PROJECTOR, "select key from personal.request_keys"),
                Arguments.of(OPS, "select key from personal.request_keys"),
                Arguments.of(OPS, "delete from personal.request_keys"),
                Arguments.of(ANALYST, "select key from personal.request_keys"),
                Arguments.of(QUERY, "insert into projection.movie_scores (movie_id) values (2)"),
                Arguments.of(QUERY, "update projection.movie_scores set rating_count = 9"),
                Arguments.of(QUERY, "update projection.watermark set position = 0"),
                Arguments.of(QUERY, "delete from projection.user_ratings"),
                Arguments.of(QUERY, "truncate projection.applied_events"),
                Arguments.of(QUERY, "insert into rating_events " + AN_EVENT),
                Arguments.of(QUERY, "select payload from rating_events"),
                Arguments.of(QUERY, "select * from event_publications"),
                Arguments.of(QUERY, "select * from ops.write_quota"),
                Arguments.of(QUERY, "select * from projection.applied_events"),
                Arguments.of(QUERY, "create table public.mine (x int)"),
                // issue 19: the score history and similar movies are the projector's and ops' to write
                Arguments.of(QUERY, "delete from projection.movie_score_history"),
                Arguments.of(QUERY, "insert into projection.similarity_stale (movie_id) values (1)"),
                Arguments.of(QUERY, "select * from projection.score_timeline"),
                Arguments.of(PROJECTOR, "delete from projection.score_timeline"),
                Arguments.of(PROJECTOR, "update projection.score_timeline set stars = 5"),
                Arguments.of(PROJECTOR, "delete from projection.similar_movies"),
                Arguments.of(PROJECTOR, "insert into projection.similar_movies values (1, 2, 5, 5, 5)"),
                Arguments.of(PROJECTOR, "delete from projection.similarity_stale"),
                Arguments.of(OPS, "update projection.similar_movies set co_likes = 9"),
                Arguments.of(OPS, "insert into projection.score_timeline values ('m', 1, 1, now(), 4)"),
                Arguments.of(OPS, "update projection.movie_score_history set rating_count = 9"),
                Arguments.of(OPS, "insert into projection.similarity_stale (movie_id) values (1)"),
                Arguments.of(ANALYST, "select * from projection.similar_movies"),
                Arguments.of(RELAY, "select * from projection.movie_score_history"),
                Arguments.of(COMMAND, "select * from projection.similarity_stale"),
                // the command role appends; it cannot touch projections, change events or run DDL
                Arguments.of(COMMAND, "select * from projection.movie_scores"),
                Arguments.of(COMMAND, "update projection.movie_scores set rating_count = 9"),
                Arguments.of(COMMAND, "insert into projection.applied_events (position) values (9)"),
                // V105: applied events keyed by position; only the projector records them, ops only reads them
                Arguments.of(OPS, "insert into projection.applied_events (position) values (9)"),
                Arguments.of(OPS, "delete from projection.applied_events"),
                Arguments.of(PROJECTOR, "delete from projection.applied_events"),
                Arguments.of(RELAY, "select position from projection.applied_events"),
                Arguments.of(COMMAND, "update projection.watermark set position = 99"),
                Arguments.of(COMMAND, "alter table rating_events disable trigger rating_events_append_only"),
                Arguments.of(COMMAND, "alter table rating_events disable trigger all"),
                Arguments.of(COMMAND, "drop trigger rating_events_append_only on rating_events"),
                Arguments.of(COMMAND, "update rating_events set user_id = 'mallory'"),
                Arguments.of(COMMAND, "delete from rating_events"),
                Arguments.of(COMMAND, "truncate rating_events"),
                Arguments.of(
                        COMMAND,
                        "insert into rating_events (position, event_id, event_type, schema_version, user_id,"
                                + " movie_id, stream_version, occurred_at, payload) overriding system value"
                                + " values (999, gen_random_uuid(), 'RatingSubmitted', 1, 'm', 1, 1, now(), '{}')"),
                Arguments.of(COMMAND, "create table public.mine (x int)"),
                Arguments.of(COMMAND, "create schema mine"),
                Arguments.of(COMMAND, "alter table movies add column mine int"),
                Arguments.of(COMMAND, "drop table ops.write_quota"),
                Arguments.of(
                        COMMAND,
                        "create trigger mine before insert on rating_events"
                                + " for each row execute function refuse_event_change()"),
                Arguments.of(COMMAND, "select title from movies"),
                Arguments.of(COMMAND, "update movies set title = 'x'"),
                Arguments.of(COMMAND, "delete from event_publications"),
                Arguments.of(COMMAND, "update event_publications set event_id = gen_random_uuid()"),
                Arguments.of(COMMAND, "select analytics.create_views()"),
                Arguments.of(COMMAND, "select projection.grant_access()"),
                Arguments.of(COMMAND, "select ops.prepare_projection_rebuild()"),
                // the relay publishes the outbox; it writes no event and no projection
                Arguments.of(RELAY, "insert into rating_events " + AN_EVENT),
                Arguments.of(RELAY, "select user_id from rating_events"),
                Arguments.of(RELAY, "delete from event_publications"),
                Arguments.of(
                        RELAY, "insert into event_publications (position, event_id) values (1, gen_random_uuid())"),
                Arguments.of(RELAY, "select * from projection.movie_scores"),
                Arguments.of(RELAY, "update projection.watermark set position = 0"),
                // the projector reads events and writes projections; it never writes an event
                Arguments.of(PROJECTOR, "insert into rating_events " + AN_EVENT),
                Arguments.of(PROJECTOR, "update rating_events set payload = '{}'"),
                Arguments.of(PROJECTOR, "delete from rating_events"),
                Arguments.of(PROJECTOR, "update event_publications set published_at = now()"),
                Arguments.of(PROJECTOR, "update movies set title = 'x'"),
                Arguments.of(PROJECTOR, "delete from projection.user_ratings"),
                Arguments.of(PROJECTOR, "truncate projection.movie_scores"),
                Arguments.of(PROJECTOR, "drop table projection.watermark"),
                Arguments.of(PROJECTOR, "select ops.swap_in_rebuilt_projections(array['watermark'])"),
                // ops rebuilds through the owner's functions and maintains the catalog; events stay as they are
                Arguments.of(OPS, "insert into rating_events " + AN_EVENT),
                Arguments.of(OPS, "update rating_events set user_id = 'mallory'"),
                Arguments.of(OPS, "alter table rating_events disable trigger rating_events_append_only"),
                Arguments.of(OPS, "delete from movies"),
                Arguments.of(OPS, "update projection.movie_scores set rating_count = 9"),
                Arguments.of(OPS, "drop table projection.movie_scores"),
                Arguments.of(OPS, "create schema mine"),
                Arguments.of(OPS, "select * from users"),
                Arguments.of(OPS, "select projection.grant_access()"),
                Arguments.of(OPS, "update projection.watermark set singleton = true"),
                Arguments.of(OPS, "delete from projection.watermark"),
                Arguments.of(OPS, "update movies set movie_id = 2"),
                Arguments.of(OPS, "delete from ops.parked_events"),
                Arguments.of(OPS, "update ops.projection_failures set error = 'x'"),
                Arguments.of(OPS, "delete from ops.projection_failures"),
                Arguments.of(OPS, "update ops.parked_events set position = 2"),
                Arguments.of(OPS, "update ops.audit_log set outcome = 'nothing happened'"),
                Arguments.of(OPS, "delete from ops.audit_log"),
                Arguments.of(OPS, "truncate ops.audit_log"),
                // the projector's pause switch (V70): ops flips it and says why, but keeps its one row
                Arguments.of(OPS, "update ops.projector_control set singleton = true"),
                Arguments.of(OPS, "delete from ops.projector_control"),
                Arguments.of(OPS, "insert into ops.projector_control (singleton) values (true)"),
                Arguments.of(PROJECTOR, "update ops.projector_control set paused = false"),
                Arguments.of(COMMAND, "update ops.projector_control set paused = true"),
                // a one-projection rebuild's review columns are copied by the owner (V71), asked only by ops
                Arguments.of(PROJECTOR, "select ops.copy_rebuilt_reviews()"),
                Arguments.of(COMMAND, "select ops.copy_rebuilt_reviews()"),
                Arguments.of(OPS, "update projection.user_ratings set review_spoiler = true"),
                // parked events and the audit are the operators': the functions read at most what they use
                Arguments.of(PROJECTOR, "select reason from ops.parked_events"),
                Arguments.of(PROJECTOR, "update ops.parked_events set replayed_at = now()"),
                Arguments.of(PROJECTOR, PARK),
                Arguments.of(PROJECTOR, "select * from ops.audit_log"),
                Arguments.of(COMMAND, "select position from ops.parked_events"),
                Arguments.of(COMMAND, PARK),
                Arguments.of(COMMAND, AUDIT),
                Arguments.of(RELAY, "select position from ops.parked_events"),
                Arguments.of(QUERY, "select position from ops.parked_events"),
                Arguments.of(QUERY, AUDIT),
                Arguments.of(ANALYST, "select * from ops.audit_log"),
                // issue 20: the watchlist is the projector's to write, the query function's to read, ops' to verify
                Arguments.of(QUERY, "insert into projection.watchlist values ('m', 1, 1, true, 1, now(), null)"),
                Arguments.of(QUERY, "update projection.watchlist set listed = false"),
                Arguments.of(QUERY, "delete from projection.watchlist"),
                Arguments.of(PROJECTOR, "delete from projection.watchlist"),
                Arguments.of(PROJECTOR, "truncate projection.watchlist"),
                Arguments.of(OPS, "update projection.watchlist set listed = false"),
                Arguments.of(OPS, "delete from projection.watchlist"),
                Arguments.of(COMMAND, "select * from projection.watchlist"),
                Arguments.of(RELAY, "select * from projection.watchlist"),
                Arguments.of(ANALYST, "select * from projection.watchlist"),
                Arguments.of(COMMAND, "update rating_events set stream = 'watchlist'"),
                Arguments.of(RELAY, "select stream from rating_events"),
                Arguments.of(COMMAND, "select projection.grant_access_watchlist()"),
                // helpful votes (issue 20)
                Arguments.of(QUERY, "update projection.helpful_votes set marked = false"),
                Arguments.of(QUERY, "delete from projection.helpful_votes"),
                Arguments.of(PROJECTOR, "delete from projection.helpful_votes"),
                Arguments.of(OPS, "update projection.helpful_votes set marked = false"),
                Arguments.of(COMMAND, "select * from projection.helpful_votes"),
                Arguments.of(ANALYST, "select * from projection.helpful_votes"),
                Arguments.of(ANALYST, "select review_id from personal.review_texts"),
                Arguments.of(COMMAND, "select projection.grant_access_helpful()"),
                // helpful counts stored per review (V121)
                Arguments.of(QUERY, "update projection.helpful_counts set helpful_count = 9"),
                Arguments.of(QUERY, "insert into projection.helpful_counts values (gen_random_uuid(), 1, 1)"),
                Arguments.of(PROJECTOR, "delete from projection.helpful_counts"),
                Arguments.of(PROJECTOR, "truncate projection.helpful_counts"),
                Arguments.of(OPS, "update projection.helpful_counts set helpful_count = 9"),
                Arguments.of(COMMAND, "select * from projection.helpful_counts"),
                Arguments.of(ANALYST, "select * from projection.helpful_counts"),
                Arguments.of(RELAY, "select * from projection.helpful_counts"),
                // the analyst reads the views only
                Arguments.of(ANALYST, "select * from movies"),
                Arguments.of(ANALYST, "select * from projection.movie_scores"),
                Arguments.of(ANALYST, "select * from rating_events"),
                Arguments.of(ANALYST, "delete from analytics.user_ratings"),
                // analytics views per feature (V112): only the owner recreates them
                Arguments.of(OPS, "select analytics.create_views_ratings()"),
                Arguments.of(ANALYST, "select analytics.create_views_discovery()"),
                Arguments.of(ANALYST, "select analytics.create_views_tags()"),
                Arguments.of(ANALYST, "select text from personal.tags"),
                Arguments.of(QUERY, "create view analytics.mine as select 1"),
                // the diary (V95): the projector writes it, the query function reads it, ops verifies and rebuilds;
                // its notes are the command function's to write and the query function's to read
                Arguments.of(QUERY, "delete from projection.diary_entries"),
                Arguments.of(QUERY, "select * from projection.diary_erasures"),
                Arguments.of(QUERY, "update personal.diary_notes set text = 'x'"),
                Arguments.of(COMMAND, "select * from projection.diary_entries"),
                Arguments.of(PROJECTOR, "select text from personal.diary_notes"),
                Arguments.of(PROJECTOR, "delete from projection.diary_erasures"),
                Arguments.of(OPS, "select text from personal.diary_notes"),
                Arguments.of(OPS, "delete from projection.diary_entries"),
                Arguments.of(OPS, "update projection.diary_erasures set stream_version = 9"),
                Arguments.of(RELAY, "select * from projection.diary_entries"),
                Arguments.of(ANALYST, "select * from projection.diary_entries"),
                Arguments.of(ANALYST, "select * from personal.diary_notes"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void eachRoleIsRefusedWhatItsFunctionDoesNotDo(DatabaseRole role, String statement) throws SQLException {
        try (Connection connection = logins.dataSource(role).getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertThatThrownBy(() -> sql.execute(statement))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            connection.rollback();
        }
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(QUERY, "select title, search_key from movies"),
                Arguments.of(QUERY, "select position from projection.watermark"),
                Arguments.of(COMMAND, "select movie_id from movies"),
                Arguments.of(COMMAND, "insert into rating_events " + AN_EVENT),
                Arguments.of(COMMAND, "insert into ops.write_quota values ('m', now(), 1)"),
                Arguments.of(RELAY, "update event_publications set attempts = attempts + 1"),
                Arguments.of(RELAY, "select position from projection.watermark"),
                Arguments.of(PROJECTOR, "update projection.movie_scores set rating_count = 1"),
                Arguments.of(PROJECTOR, "select payload from rating_events"),
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.applied_events (position) values (7) on conflict do nothing"
                                + " returning position"),
                Arguments.of(OPS, "select position from projection.applied_events where position = 7"),
                Arguments.of(OPS, "update movies set title = 'Heat (corrected)'"),
                Arguments.of(OPS, "lock table projection.movie_scores in access exclusive mode"),
                Arguments.of(OPS, "update event_publications set attempts = attempts + 1"),
                // catalog import (movie-catalog's JdbcCatalogStore, run by the ops CLI and the ops Lambda)
                Arguments.of(OPS, "select movie_id from movies where movie_id = 1 for update"),
                Arguments.of(
                        OPS,
                        "insert into movies (movie_id, title, release_year, genres, imdb_id, tmdb_id)"
                                + " values (2, 'Up', 2009, '{Animation}', '1049413', '14160')"),
                Arguments.of(
                        OPS,
                        "update movies set title = 'Heat', release_year = 1995, genres = '{Crime}',"
                                + " imdb_id = '0113277', tmdb_id = '949'"),
                // ops events park / retry / replay-parked, and the audit of every ops action (V45)
                Arguments.of(OPS, PARK),
                // the rebuild's catch-up (the projector's batch) resolves the failures of what it applies
                Arguments.of(
                        OPS,
                        "update ops.projection_failures set resolved_at = now()"
                                + " where subject = any('{a}'::text[]) and resolved_at is null"),
                Arguments.of(OPS, "update projection.watermark set position = position + 1 returning position"),
                Arguments.of(
                        OPS,
                        "update ops.parked_events set reason = 'again', parked_by = 'os:b', parked_at = now(),"
                                + " replayed_at = now()"),
                Arguments.of(OPS, AUDIT),
                Arguments.of(OPS, "select * from ops.audit_log order by id desc limit 5"),
                // ops projector pause|resume and ops status (V70)
                Arguments.of(
                        OPS,
                        "update ops.projector_control set paused = true, changed_by = 'os:b', changed_at = now(),"
                                + " reason = 'maintenance'"),
                Arguments.of(OPS, "select paused, changed_by, changed_at, reason from ops.projector_control"),
                Arguments.of(PROJECTOR, "select position from ops.parked_events where replayed_at is null"),
                Arguments.of(ANALYST, "select * from analytics.genre_statistics"),
                Arguments.of(ANALYST, "select movie_id, day, weighted_rating from analytics.movie_score_history"),
                Arguments.of(ANALYST, "select title, similar_title, similarity from analytics.similar_movies"),
                Arguments.of(ANALYST, "select movie_id, tag, tag_key, people from analytics.movie_tags"),
                // the personal store (V60): review texts and profiles, erasure, export, and verify's orphan check
                Arguments.of(COMMAND, "insert into users (user_id) values ('m') on conflict do nothing"),
                Arguments.of(COMMAND, "delete from users where user_id = 'm'"),
                Arguments.of(
                        COMMAND,
                        "insert into personal.request_keys values ('m', decode(repeat('00', 32), 'hex'))"
                                + " on conflict (user_id) do update set key = request_keys.key returning key"),
                Arguments.of(COMMAND, "delete from personal.request_keys where user_id = 'm'"),
                Arguments.of(
                        COMMAND, "insert into personal.review_texts values ('m', 1, 1, 'x', gen_random_uuid(), now())"),
                Arguments.of(COMMAND, "delete from personal.review_texts where user_id = 'm'"),
                Arguments.of(
                        COMMAND,
                        "insert into personal.profiles values ('m', 'Em', 'Em', 'em', now()) on conflict (user_id)"
                                + " do update set display_name = excluded.display_name"),
                Arguments.of(COMMAND, "delete from personal.profiles where user_id = 'm'"),
                Arguments.of(COMMAND, "select position, payload from rating_events where user_id = 'm'"),
                Arguments.of(QUERY, "select t.text, p.display_name from personal.review_texts t, personal.profiles p"),
                Arguments.of(OPS, "select user_id, movie_id, stream_version from personal.review_texts"),
                // issue 19: the projector keeps the score history and marks movies for similar movies; the query
                // function reads them; ops verifies, refreshes similar movies and locks the tables for a swap
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.score_timeline values ('m', 1, 1, now(), 4) on conflict do nothing"
                                + " returning movie_id"),
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.movie_score_history values (1, current_date, 0, 0,"
                                + " '{0,0,0,0,0,0,0,0,0,0}') on conflict do nothing"),
                Arguments.of(PROJECTOR, "update projection.movie_score_history set rating_count = rating_count"),
                Arguments.of(PROJECTOR, "update projection.rating_totals_history set stars_sum = stars_sum"),
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.similarity_stale as s (movie_id) values (1)"
                                + " on conflict (movie_id) do update set marks = s.marks + 1"),
                Arguments.of(QUERY, "select day, rating_count, stars_sum from projection.movie_score_history"),
                Arguments.of(QUERY, "select * from projection.rating_totals_history"),
                Arguments.of(QUERY, "select * from projection.similar_movies"),
                Arguments.of(QUERY, "select exists (select 1 from projection.similarity_stale where movie_id = 1)"),
                Arguments.of(OPS, "select count(*) from projection.score_timeline"),
                Arguments.of(OPS, "delete from projection.similar_movies where movie_id = 1"),
                Arguments.of(OPS, "insert into projection.similar_movies values (1, 2, 5, 5, 5)"),
                Arguments.of(OPS, "delete from projection.similarity_stale where movie_id = 1 and marks = 1"),
                Arguments.of(OPS, "lock table projection.similar_movies in access exclusive mode"),
                // the diary (V95)
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.diary_entries values (gen_random_uuid(), 'a', 1, 1, '2020-01-01',"
                                + " false, 4.0, now(), now())"),
                Arguments.of(PROJECTOR, "delete from projection.diary_entries where user_id = 'a' and movie_id = 1"),
                Arguments.of(PROJECTOR, "insert into projection.diary_erasures values ('a', 1, 3)"),
                Arguments.of(QUERY, "select * from projection.diary_entries where user_id = 'a'"),
                Arguments.of(QUERY, "select text from personal.diary_notes"),
                Arguments.of(COMMAND, "insert into personal.diary_notes values (gen_random_uuid(), 'a', 'x')"),
                Arguments.of(COMMAND, "delete from personal.diary_notes where user_id = 'a'"),
                Arguments.of(OPS, "select entry_id, user_id from personal.diary_notes"),
                Arguments.of(OPS, "select count(*) from projection.diary_erasures"),
                Arguments.of(OPS, "lock table projection.diary_entries in access exclusive mode"),
                // issue 20: the watchlist stream's events, the projector's upsert and rating rule, the list's reads
                Arguments.of(
                        COMMAND,
                        "insert into rating_events (event_id, event_type, schema_version, user_id, movie_id,"
                                + " stream_version, occurred_at, payload, stream) values (gen_random_uuid(),"
                                + " 'MovieWatchlisted', 1, 'm', 1, 1, now(), '{}', 'watchlist')"),
                Arguments.of(
                        COMMAND,
                        "select stream_version, position from rating_events where user_id = 'm' and movie_id = 1"
                                + " and stream = 'watchlist'"),
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.watchlist as w values ('m', 1, 1, true, 1, now(), null)"
                                + " on conflict (user_id, movie_id) do update set listed = excluded.listed"
                                + " returning w.on_list"),
                Arguments.of(PROJECTOR, "update projection.watchlist set rated_position = 9 where user_id = 'm'"),
                Arguments.of(QUERY, "select movie_id, added_at from projection.watchlist where on_list"),
                Arguments.of(OPS, "select * from projection.watchlist"),
                Arguments.of(OPS, "lock table projection.watchlist in access exclusive mode"),
                // helpful votes (issue 20)
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.helpful_votes as h (voter, movie_id, review_id, review_author,"
                                + " stream_version, marked, vote_position, voted_at) values ('m', 1, gen_random_uuid(),"
                                + " 'a', 1, true, 1, now()) on conflict (voter, review_id) do update set marked ="
                                + " excluded.marked returning h.counted"),
                Arguments.of(PROJECTOR, "update projection.helpful_votes set ended_position = 9 where voter = 'm'"),
                Arguments.of(
                        QUERY, "select review_id, count(*) from projection.helpful_votes where counted group by 1"),
                Arguments.of(QUERY, "select review_id, written_at from personal.review_texts"),
                Arguments.of(COMMAND, "select review_id, user_id from personal.review_texts where movie_id = 1"),
                Arguments.of(OPS, "select * from projection.helpful_votes"),
                Arguments.of(OPS, "lock table projection.helpful_votes in access exclusive mode"),
                Arguments.of(
                        PROJECTOR,
                        "insert into projection.helpful_counts as c values (gen_random_uuid(), 1, 1)"
                                + " on conflict (review_id) do update set helpful_count = excluded.helpful_count"
                                + " where c.helpful_count <> excluded.helpful_count"),
                Arguments.of(
                        QUERY,
                        "select review_id, helpful_count from projection.helpful_counts"
                                + " where movie_id = 1 and helpful_count > 0 order by helpful_count desc"),
                Arguments.of(OPS, "select * from projection.helpful_counts"),
                Arguments.of(OPS, "lock table projection.helpful_counts in access exclusive mode"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("allowed")
    void eachRoleMayDoWhatItsFunctionDoes(DatabaseRole role, String statement) throws SQLException {
        try (Connection connection = logins.dataSource(role).getConnection();
                Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute(statement);
            connection.rollback();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseRole.class)
    void eachRoleLogsInWithItsOwnPasswordAndNoOther(DatabaseRole role) throws SQLException {
        try (Connection connection = logins.dataSource(role).getConnection();
                ResultSet user = connection.createStatement().executeQuery("select current_user")) {
            user.next();
            assertThat(user.getString(1)).isEqualTo(role.roleName());
        }
        DatabaseRole other = role == QUERY ? COMMAND : QUERY;
        assertThatThrownBy(
                        () -> DriverManager.getConnection(database.jdbcUrl(), role.roleName(), logins.password(other)))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    }

    @Test
    void theOwnerOwnsEveryObjectAndNoFunctionRoleOwnsAnything() throws SQLException {
        try (Connection admin = database.dataSource().getConnection();
                ResultSet owners = admin.createStatement().executeQuery("""
                        select string_agg(distinct pg_get_userbyid(c.relowner), ',')
                        from pg_class c join pg_namespace n on n.oid = c.relnamespace
                        where n.nspname in ('public', 'projection', 'analytics', 'ops')
                          and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
                        """)) {
            owners.next();
            assertThat(owners.getString(1)).isEqualTo(OWNER.roleName());
        }
    }

    @Test
    void noRoleButTheOwnerMayCreateRolesOrBypassSecurity() throws SQLException {
        try (Connection admin = database.dataSource().getConnection();
                ResultSet roles = admin.createStatement().executeQuery("""
                        select string_agg(rolname, ',' order by rolname) from pg_roles
                        where rolname like 'movie\\_ratings\\_%'
                          and (rolsuper or rolcreaterole or rolcreatedb or rolbypassrls or rolreplication)
                        """)) {
            roles.next();
            assertThat(roles.getString(1)).isEqualTo(OWNER.roleName());
        }
    }
}
