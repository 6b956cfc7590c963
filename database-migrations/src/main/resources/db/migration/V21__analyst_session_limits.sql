-- Analysts query the primary (docs/analytics.md says why there is no replica), so their sessions must not
-- hold back the application: a runaway query is cancelled, an open transaction left idle (which holds
-- back vacuum) is ended, a forgotten session is closed, and at most five run at once. Set on the role, so
-- every analyst session starts with them however it connects. PostgreSQL lets any session SET its own
-- statement_timeout again; these are defaults that catch accidents, not a wall against a determined user.
alter role movie_ratings_analyst set statement_timeout = '2min';
alter role movie_ratings_analyst set idle_in_transaction_session_timeout = '1min';
alter role movie_ratings_analyst set idle_session_timeout = '30min';
alter role movie_ratings_analyst set default_transaction_read_only = on;
alter role movie_ratings_analyst connection limit 5;
