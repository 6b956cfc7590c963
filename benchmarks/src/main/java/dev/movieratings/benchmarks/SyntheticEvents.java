package dev.movieratings.benchmarks;

import dev.movieratings.eventstore.GeneratedEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Fills the event table with {@code n} synthetic rating events, in SQL, shaped like what the command
 * API writes (payloads as events-schema's golden samples; positions in time order; versions of a
 * stream in position order):
 * <ul>
 * <li>n/200 movies whose popularity follows a 1/rank law: a few have hundreds of thousands of
 * ratings (at 10M events), most a handful — the long tail;</li>
 * <li>n/25 users with UUID ids (as a Cognito sub); each (user, movie) stream has one event (87%),
 * two (10%), three (2%) or four to seven (1%): version 2 withdraws the rating half of the time and
 * the next version rates again; the rest are changes of mind; 8% of ratings carry a review, an
 * eighth of them spoilers.</li>
 * </ul>
 * The unique indexes and the movie foreign key are dropped for the load and added back afterwards
 * under their own names (the table ends exactly as the migration defines it), then it is vacuumed
 * and analyzed, so the first query timed does not pay for hint bits.
 */
final class SyntheticEvents {

    // one row per event of the first n of all streams' versions in time order; the pg_temp functions and
    // bench_streams are made just before
    private static final String EVENTS = """
            select x.event_id, x.type, 1, x.user_id, x.movie, x.v, x.at,
              case when x.retract then jsonb_build_object('type', x.type, 'schemaVersion', 1, 'eventId', x.event_id,
                    'userId', x.user_id, 'movieId', x.movie, 'streamVersion', x.v,
                    'occurredAt', pg_temp.instant(x.at), 'previousStars', pg_temp.stars(x.s, x.v - 1))
               else jsonb_build_object('type', x.type, 'schemaVersion', 1, 'eventId', x.event_id,
                    'userId', x.user_id, 'movieId', x.movie, 'streamVersion', x.v,
                    'occurredAt', pg_temp.instant(x.at), 'stars', pg_temp.stars(x.s, x.v),
                    'previousStars', case when x.v = 1 or pg_temp.retracted(x.s, x.v - 1) then null
                                          else pg_temp.stars(x.s, x.v - 1) end,
                    'ratedSince', pg_temp.instant(pg_temp.at(x.s,
                        case when x.v >= 3 and pg_temp.retracted(x.s, 2) then 3 else 1 end)),
                    'review', case when (hashint8extended(x.s * 8 + x.v, 9) & 1023) < 80
                        then jsonb_build_object('text', 'Synthetic review ' || x.s || '.' || x.v
                             || repeat(' Worth a second look.', 1 + ((hashint8extended(x.s, 10) & 7))::int),
                             'spoiler', (hashint8extended(x.s * 8 + x.v, 11) & 7) = 0) end)
              end
            from (select gen_random_uuid() as event_id,
                         case when e.retract then 'RatingRetracted' else 'RatingSubmitted' end as type,
                         md5('user-' || e.u)::uuid::text as user_id, e.s, e.movie, e.v, e.at, e.retract
                  from (select s.s, s.u, s.movie, v, pg_temp.at(s.s, v) as at, pg_temp.retracted(s.s, v) as retract
                        from bench_streams s
                        cross join lateral generate_series(1,
                            case when (hashint8extended(s.s, 6) & 1023) < 890 then 1
                                 when (hashint8extended(s.s, 6) & 1023) < 992 then 2
                                 when (hashint8extended(s.s, 6) & 1023) < 1013 then 3
                                 else 4 + (hashint8extended(s.s, 7) & 3)::int end) v) e
                  order by e.at, e.s, e.v limit ?) x""";

    private SyntheticEvents() {}

    static void generate(DataSource dataSource, long n) throws SQLException {
        long movies = Math.max(100, n / 200);
        long users = Math.max(10, n / 25);
        long candidates = (long) (n / 1.19 * 1.12);
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("set work_mem = '1GB'");
            sql.execute("set maintenance_work_mem = '1GB'");
            sql.execute("insert into movies (movie_id, title, release_year, genres)"
                    + " select g, 'Synthetic movie ' || g, 1950 + g % 75,"
                    + " array[(array['Drama', 'Comedy', 'Action', 'Thriller', 'Romance', 'Horror',"
                    + " 'Documentary'])[1 + g % 7]]"
                    + " from generate_series(1, " + movies + ") g");
            // distinct (user, movie) pairs; the movie drawn as floor(e^(u·ln(M+1))):
            // P(movie = k) ∝ ln(1 + 1/k) ≈ 1/k
            sql.execute("create temp table bench_streams as select row_number() over () as s, u, movie from ("
                    + " select distinct 1 + (hashint8extended(g, 1) & 2147483647) % " + users + " as u,"
                    + "  least(" + movies + ", floor(exp(((hashint8extended(g, 2) & 2147483647) / 2147483648.0) * ln("
                    + movies + " + 1)))::bigint) as movie"
                    + " from generate_series(1, " + candidates + ") g) d");
            sql.execute("create function pg_temp.retracted(s bigint, v int) returns boolean language sql immutable"
                    + " return v = 2 and (hashint8extended(s, 5) & 255) < 128");
            sql.execute("create function pg_temp.stars(s bigint, v int) returns numeric language sql immutable"
                    + " return ((array[1, 2, 3, 4, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10, 10])"
                    + "[1 + (hashint8extended(s * 8 + v, 8) & 1023) % 20] / 2.0)::numeric(3, 1)");
            sql.execute("create function pg_temp.at(s bigint, v int) returns timestamptz language sql immutable"
                    + " return timestamptz '2021-01-01 00:00:00+00'"
                    + " + make_interval(secs => (hashint8extended(s, 3) & 2147483647) % (5 * 365 * 86400))"
                    + " + (v - 1)"
                    + " * make_interval(secs => 3600 + (hashint8extended(s, 4) & 2147483647) % (60 * 86400))");
            sql.execute("create function pg_temp.instant(t timestamptz) returns text language sql immutable"
                    + " return to_char(t at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
            GeneratedEvents.load(connection, EVENTS, n);
            sql.execute("drop table bench_streams");
            sql.execute("vacuum (analyze) movies");
        }
    }
}
