package dev.movieratings.query.infrastructure;

import dev.movieratings.query.application.MovieFilter;
import dev.movieratings.query.application.MovieSort;
import org.jspecify.annotations.Nullable;

/**
 * The movie lists' SQL, one statement shape per order, built from the named parts below. Without a title
 * search every list is an index walk that stops after {@code :limit} rows (migration V50): its order's
 * index is read from the cursor's position on, each movie's catalogue row is fetched by its key, and
 * filters skip the movies they do not match, so a page costs its rows divided by the share of movies the
 * filters let through, however large the catalogue. The lists order by the weighted rating stored with
 * the list basis (C as of the last re-score), never computed per request. A title search keeps its
 * trigram index path and sorts the movies that match.
 */
final class MovieListSql {

    /** A list row of a movie that has a score row, and the list basis its stored weighted rating used. */
    private static final String SCORED_COLUMNS = """
            select m.movie_id, m.title, m.release_year, m.genres, s.rating_count,
              case when s.rating_count > 0 then s.stars_sum / s.rating_count end as average,
              s.weighted, s.weighted::text as weighted_text, s.last_rated_at::text as last_rated_text,
              null::numeric as relevance, null::text as relevance_text,
              (select list_mean::text from projection.rating_totals) as list_mean_text,
              (select list_min_votes from projection.rating_totals) as list_min_votes
            """;

    /** The order of the weighted rating's index: best first, ties by id. */
    private static final String TOP = SCORED_COLUMNS + """
            from projection.movie_scores s join movies m on m.movie_id = s.movie_id
            where s.weighted is not null
            """;

    /**
     * After the cursor, while the stored scores still use the basis the cursor's first page had: a
     * re-score since then answers nothing here, and the list goes on with {@link #TOP_AT_BASIS}.
     */
    private static final String TOP_AFTER = """
             and (-s.weighted, s.movie_id) > (-cast(:k as numeric), :id)
             and exists (select 1 from projection.rating_totals t
               where t.list_mean = cast(:c as numeric) and t.list_min_votes = :bm)
            """;

    /**
     * A page of the top list after a cursor whose basis has since been replaced by a re-score: every
     * rated movie's weighted rating recomputed with the cursor's basis and sorted, so the list keeps the
     * order its first page had. The slow path of the few cursors that outlive a re-score.
     */
    private static final String TOP_AT_BASIS = """
            select x.*, x.weighted::text as weighted_text from (
              select m.movie_id, m.title, m.release_year, m.genres, s.rating_count,
                s.stars_sum / s.rating_count as average,
                (s.stars_sum + :bm * cast(:c as numeric)) / (s.rating_count + :bm) as weighted,
                s.last_rated_at::text as last_rated_text, null::numeric as relevance, null::text as relevance_text,
                :c as list_mean_text, :bm as list_min_votes
              from projection.movie_scores s join movies m on m.movie_id = s.movie_id
              where s.rating_count > 0
            """;

    private static final String TOP_AT_BASIS_ORDER = """
            ) x where (-x.weighted, x.movie_id) > (-cast(:k as numeric), :id)
            order by x.weighted desc, x.movie_id limit :limit
            """;
    private static final String TOP_ORDER = " order by -s.weighted, s.movie_id limit :limit";

    /** Rated movies, most ratings first. */
    private static final String POPULAR_RATED = SCORED_COLUMNS + """
            from projection.movie_scores s join movies m on m.movie_id = s.movie_id
            where s.rating_count > 0
            """;

    private static final String POPULAR_AFTER = " and (-s.rating_count, s.movie_id) > (-cast(:k as bigint), :id)";
    private static final String POPULAR_ORDER = " order by -s.rating_count, s.movie_id limit :limit";

    /**
     * Movies without a current rating, after every rated one, by id. Reached only once the rated ones
     * are exhausted: UNION ALL runs its parts in order and the outer limit stops it.
     */
    private static final String POPULAR_UNRATED = """
            select m.movie_id, m.title, m.release_year, m.genres, 0::bigint as rating_count, null::numeric as average,
              null::numeric as weighted, null::text as weighted_text, null::text as last_rated_text,
              null::numeric as relevance, null::text as relevance_text,
              null::text as list_mean_text, null::int as list_min_votes
            from movies m
            where not exists (select 1 from projection.movie_scores s
              where s.movie_id = m.movie_id and s.rating_count > 0)
            """;

    private static final String UNRATED_AFTER = " and (cast(:k as bigint) > 0 or m.movie_id > :id)";
    private static final String UNRATED_ORDER = " order by m.movie_id limit :limit";

    /** Movies by their last rating, newest first, ties by id (descending: one index direction). */
    private static final String RECENT = SCORED_COLUMNS + """
            from projection.movie_scores s join movies m on m.movie_id = s.movie_id
            where s.last_rated_at is not null
            """;

    private static final String RECENT_AFTER = " and (s.last_rated_at, s.movie_id) < (cast(:k as timestamptz), :id)";
    private static final String RECENT_ORDER = " order by s.last_rated_at desc, s.movie_id desc limit :limit";

    /** Every movie by title, ties by id. */
    private static final String TITLE = """
            select m.movie_id, m.title, m.release_year, m.genres, coalesce(s.rating_count, 0) as rating_count,
              case when s.rating_count > 0 then s.stars_sum / s.rating_count end as average,
              s.weighted, s.weighted::text as weighted_text, s.last_rated_at::text as last_rated_text,
              null::numeric as relevance, null::text as relevance_text,
              null::text as list_mean_text, null::int as list_min_votes
            from movies m left join projection.movie_scores s on s.movie_id = m.movie_id
            where true
            """;

    private static final String TITLE_AFTER = " and (m.title, m.movie_id) > (:k, :id)";
    private static final String TITLE_ORDER = " order by m.title, m.movie_id limit :limit";

    private static final String GENRE = " and m.genres @> array[cast(:genre as text)]";
    private static final String YEAR_FROM = " and m.release_year >= :yearFrom";
    private static final String YEAR_TO = " and m.release_year <= :yearTo";
    /** Films someone has the tag on now (issue 19): the key's films in the personal store, then their taggings. */
    private static final String TAG = """
             and exists (select 1 from personal.tags p
                 join projection.user_tags t on t.tag_id = p.tag_id and t.tagged
                 where p.key = :tag and p.movie_id = m.movie_id)
            """;

    /**
     * Movies matching a title search, with their relevance: 10 for the whole title, 9 when the title
     * starts with the search, 8 when a word of it does; otherwise trigram word similarity (typos) plus a
     * popularity prior, 0.1·ln(1 + ratings), which stays below 8. {@code :q} is the search already
     * normalised by {@code movie_search_key}, so it holds only letters, digits and spaces and needs no
     * escaping inside LIKE.
     */
    private static final String SEARCHED = """
            select m.movie_id, m.title, m.release_year, m.genres, coalesce(s.rating_count, 0) as rating_count,
              case when s.rating_count > 0 then s.stars_sum / s.rating_count end as average,
              case when s.rating_count > 0 then (s.stars_sum + b.m * b.c) / (s.rating_count + b.m) end as weighted,
              s.last_rated_at, s.last_rated_at::text as last_rated_text, b.c::text as list_mean_text,
              b.m as list_min_votes,
              case when m.search_key = :q then 10
                when m.search_key like :q || '%' then 9
                when ' ' || m.search_key like '% ' || :q || '%' then 8
                else round((word_similarity(:q, m.search_key) + 0.1 * ln(1 + coalesce(s.rating_count, 0)))::numeric, 4)
              end as relevance
            from movies m left join projection.movie_scores s on s.movie_id = m.movie_id,
              (select coalesce(cast(:c as numeric), list_mean) as c, coalesce(cast(:bm as int), list_min_votes) as m
               from projection.rating_totals) b
            """;

    /** Under three letters there are no trigrams to compare: prefixes only. */
    private static final String SHORT_SEARCH =
            " where (m.search_key like :q || '%' or ' ' || m.search_key like '% ' || :q || '%')";

    /** Prefixes, substrings and typos, through the trigram index. */
    private static final String FULL_SEARCH = " where (:q <% m.search_key or m.search_key like '%' || :q || '%')";

    private static final String SEARCH_LIST =
            "select x.*, x.weighted::text as weighted_text, x.relevance::text as relevance_text from (";

    private MovieListSql() {}

    /** The statement for one page of a list; {@code paging} when a cursor gives the position to start after. */
    static String list(MovieSort sort, MovieFilter filter, @Nullable String search, boolean paging) {
        String filters = filters(filter);
        if (search != null) {
            return SEARCH_LIST + SEARCHED + (search.length() < 3 ? SHORT_SEARCH : FULL_SEARCH) + filters + ") x"
                    + searchOrder(sort, paging);
        }
        return switch (sort) {
            case RELEVANCE -> throw new IllegalArgumentException("relevance needs a title search");
            case TOP -> TOP + (paging ? TOP_AFTER : "") + filters + TOP_ORDER;
            case POPULAR ->
                "(" + POPULAR_RATED + (paging ? POPULAR_AFTER : "") + filters + POPULAR_ORDER + ") union all ("
                        + POPULAR_UNRATED + (paging ? UNRATED_AFTER : "") + filters + UNRATED_ORDER
                        + ") limit :limit";
            case RECENT -> RECENT + (paging ? RECENT_AFTER : "") + filters + RECENT_ORDER;
            case TITLE -> TITLE + (paging ? TITLE_AFTER : "") + filters + TITLE_ORDER;
        };
    }

    /** The top list after a cursor whose basis a re-score has replaced (see {@link #TOP_AT_BASIS}). */
    static String topAtBasis(MovieFilter filter) {
        return TOP_AT_BASIS + filters(filter) + TOP_AT_BASIS_ORDER;
    }

    /** Only the filters given: a clause "or :genre is null" would leave the planner a scan to guard against. */
    private static String filters(MovieFilter filter) {
        return (filter.genre() == null ? "" : GENRE)
                + (filter.yearFrom() == null ? "" : YEAR_FROM)
                + (filter.yearTo() == null ? "" : YEAR_TO)
                + (filter.tagKey() == null ? "" : TAG);
    }

    /** The matches of a search, in the list's order, after the cursor's position. */
    private static String searchOrder(MovieSort sort, boolean paging) {
        return switch (sort) {
            case RELEVANCE -> (paging ? SEARCH_RELEVANCE_AFTER : " where true") + SEARCH_RELEVANCE_ORDER;
            case TOP -> " where x.weighted is not null" + (paging ? SEARCH_TOP_AFTER : "") + SEARCH_TOP_ORDER;
            case POPULAR -> (paging ? SEARCH_POPULAR_AFTER : " where true") + SEARCH_POPULAR_ORDER;
            case RECENT ->
                " where x.last_rated_at is not null" + (paging ? SEARCH_RECENT_AFTER : "") + SEARCH_RECENT_ORDER;
            case TITLE -> (paging ? SEARCH_TITLE_AFTER : " where true") + SEARCH_TITLE_ORDER;
        };
    }

    private static final String SEARCH_RELEVANCE_AFTER =
            " where (-x.relevance, -x.rating_count, x.movie_id) > (-cast(:k as numeric), -cast(:n as bigint), :id)";
    private static final String SEARCH_RELEVANCE_ORDER =
            " order by x.relevance desc, x.rating_count desc, x.movie_id limit :limit";
    private static final String SEARCH_TOP_AFTER = " and (-x.weighted, x.movie_id) > (-cast(:k as numeric), :id)";
    private static final String SEARCH_TOP_ORDER = " order by x.weighted desc, x.movie_id limit :limit";
    private static final String SEARCH_POPULAR_AFTER =
            " where (-x.rating_count, x.movie_id) > (-cast(:k as bigint), :id)";
    private static final String SEARCH_POPULAR_ORDER = " order by x.rating_count desc, x.movie_id limit :limit";
    private static final String SEARCH_RECENT_AFTER =
            " and (x.last_rated_at, x.movie_id) < (cast(:k as timestamptz), :id)";
    private static final String SEARCH_RECENT_ORDER = " order by x.last_rated_at desc, x.movie_id desc limit :limit";
    private static final String SEARCH_TITLE_AFTER = " where (x.title, x.movie_id) > (:k, :id)";
    private static final String SEARCH_TITLE_ORDER = " order by x.title, x.movie_id limit :limit";
}
