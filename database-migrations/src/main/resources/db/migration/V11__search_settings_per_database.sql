-- Title search needs a looser word-similarity threshold (0.4: one-letter typos in short words) and
-- plans made for each search's own value. Set on the database rather than with SET on each session:
-- behind RDS Proxy a session-level SET pins the connection to one client and defeats the pooling.
do $$
begin
    execute format('alter database %I set pg_trgm.word_similarity_threshold = 0.4', current_database());
    execute format('alter database %I set plan_cache_mode = force_custom_plan', current_database());
end
$$;
