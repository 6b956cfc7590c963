-- Title search: typo-tolerant (pg_trgm), accent-blind (unaccent), and not defeated by the way
-- MovieLens writes titles ("Shawshank Redemption, The", "Misérables, Les", "Hate (Haine, La)").
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE (its dictionary could change); with the dictionary named explicitly it is
-- safe to treat as IMMUTABLE, which an index and a generated column need.
create function immutable_unaccent(value text) returns text
    language sql immutable parallel safe strict
    return unaccent('unaccent'::regdictionary, value);

-- The form a title is searched in: lower case, no accents, a trailing "(1994)" dropped, a leading
-- article moved back to the front (also inside an alternative title in parentheses), apostrophes
-- dropped and any other punctuation turned into single spaces. Queries are normalised the same way.
create function movie_search_key(title text) returns text
    language sql immutable parallel safe strict
    return trim(regexp_replace(replace(
        regexp_replace(
            regexp_replace(
                regexp_replace(lower(immutable_unaccent(title)), '\s*\(\d{4}(-\d{4})?\)\s*$', ''),
                '\(([^()]*?), (the|a|an|les|la|le|l''|il|el|los|las|lo|das|der|die|den|det|de|het|een|un|une|uno|una|o|os|as|i|gli)\)',
                '(\2 \1)', 'g'),
            '^([^(]*?), (the|a|an|les|la|le|l''|il|el|los|las|lo|das|der|die|den|det|de|het|een|un|une|uno|una|o|os|as|i|gli)(\s*\(.*\))?$',
            '\2 \1\3'),
        '''', ''), '[^[:alnum:]]+', ' ', 'g'));

alter table movies add column search_key text generated always as (movie_search_key(title)) stored;

-- fastupdate off: titles arrive in bulk (the seed) or rarely (ops). A pending list would be scanned
-- linearly by every search until the next vacuum (measured: 12 ms instead of 0.2 ms after the seed).
create index movies_search_key_trgm on movies using gin (search_key gin_trgm_ops) with (fastupdate = off);

-- pg_trgm declares its similarity operators as cheap as "=", so for a table this size the planner
-- prefers computing word similarity for every title (≈ 20 ms) to the trigram index (≈ 1 ms). Their
-- true cost is closer to 100 operators. Where the migration role does not own the extension's
-- functions (a managed service may install them as another role), searches still work, only slower.
do $$
begin
    alter function word_similarity_op(text, text) cost 100;
    alter function word_similarity_commutator_op(text, text) cost 100;
exception when insufficient_privilege then
    raise notice 'pg_trgm''s operator costs left as they are: %', sqlerrm;
end
$$;
create index movies_genres on movies using gin (genres);
create index movies_release_year on movies (release_year);
