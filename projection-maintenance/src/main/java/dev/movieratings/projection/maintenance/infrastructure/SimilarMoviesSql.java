package dev.movieratings.projection.maintenance.infrastructure;

/**
 * Similar movies in SQL (definition in migration V81): a refresh of the stale movies on the live tables, and the
 * rebuild's computation of every pair. A like is a current rating of 4.0 or more.
 */
final class SimilarMoviesSql {

    /** Only one refresh at a time; a second one finds the lock taken and skips. */
    static final String TRY_LOCK = "select pg_try_advisory_xact_lock(hashtext('similar_movies_refresh'))";

    static final String STALE = "select movie_id, marks from projection.similarity_stale order by movie_id";

    /** The stale movies' rows, and each one's mirror row in the other movie's list. */
    static final String DELETE_PAIRS = """
            with stale as (
                select unnest(?::bigint[]) as movie_id),
            gone as (
                delete from projection.similar_movies where movie_id in (select movie_id from stale)
                returning movie_id, similar_id)
            delete from projection.similar_movies s
            using gone g
            where s.movie_id = g.similar_id and s.similar_id = g.movie_id
              and not exists (select 1 from stale where stale.movie_id = g.similar_id)""";

    /**
     * The stale movies' pairs from their likers' likes, each pair once (a pair of two stale movies is found from
     * both), then written in both directions with both movies' like counts. Parameter: the stale movies.
     */
    static final String INSERT_PAIRS = """
            insert into projection.similar_movies (movie_id, similar_id, co_likes, movie_likes, similar_likes)
            with stale as (
                select unnest(?::bigint[]) as movie_id),
            pairs as (
                select l.movie_id as i, o.movie_id as j, count(*) as co_likes
                from projection.user_ratings l
                join projection.user_ratings o on o.user_id = l.user_id and o.stars >= 4.0 and o.movie_id <> l.movie_id
                where l.movie_id in (select movie_id from stale) and l.stars >= 4.0
                group by l.movie_id, o.movie_id
                having count(*) >= 5),
            kept as (
                select p.* from pairs p
                where p.i < p.j or not exists (select 1 from stale where stale.movie_id = p.j)),
            likes as (
                select movie_id, count(*) as n from projection.user_ratings
                where stars >= 4.0 and movie_id in (select i from kept union select j from kept)
                group by movie_id)
            select k.i, k.j, k.co_likes, li.n, lj.n
            from kept k join likes li on li.movie_id = k.i join likes lj on lj.movie_id = k.j
            union all
            select k.j, k.i, k.co_likes, lj.n, li.n
            from kept k join likes li on li.movie_id = k.i join likes lj on lj.movie_id = k.j""";

    /** Removes the marks this refresh read, unless a like changed again meanwhile (their count moved on). */
    static final String CLEAR_STALE = """
            delete from projection.similarity_stale s
            using unnest(?::bigint[], ?::bigint[]) as r(movie_id, marks)
            where s.movie_id = r.movie_id and s.marks = r.marks""";

    /** The rebuild's pairs, all at once over the shadow user_ratings (no index yet: hash joins). */
    static final String REBUILD_PAIRS = """
            insert into projection_rebuild.similar_movies (movie_id, similar_id, co_likes, movie_likes, similar_likes)
            with likes as (
                select user_id, movie_id from projection_rebuild.user_ratings where stars >= 4.0),
            counts as (
                select movie_id, count(*) as n from likes group by movie_id),
            pairs as (
                select a.movie_id as i, b.movie_id as j, count(*) as co_likes
                from likes a join likes b on b.user_id = a.user_id and b.movie_id > a.movie_id
                group by a.movie_id, b.movie_id
                having count(*) >= 5)
            select p.i, p.j, p.co_likes, ci.n, cj.n
            from pairs p join counts ci on ci.movie_id = p.i join counts cj on cj.movie_id = p.j
            union all
            select p.j, p.i, p.co_likes, cj.n, ci.n
            from pairs p join counts ci on ci.movie_id = p.i join counts cj on cj.movie_id = p.j""";

    private SimilarMoviesSql() {}
}
