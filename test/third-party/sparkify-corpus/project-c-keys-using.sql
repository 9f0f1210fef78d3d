-- Style C: ACCESS_KEY_ID / SECRET_ACCESS_KEY, CREATE TABLE ... LIKE, JOIN ... USING, DATEADD, window ranks.
SET search_path TO public;
CREATE TABLE events_c (LIKE staging_events_b);
COPY events_c FROM 's3://udacity-dend/log_data' ACCESS_KEY_ID 'AKIAIOSFODNN7EXAMPLE' SECRET_ACCESS_KEY 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY'
  FORMAT AS JSON 's3://udacity-dend/log_json_path.json';
CREATE TABLE plays_c AS
SELECT DATEADD(ms, ts, '1970-01-01'::timestamp) AS start_time, user_id, session_id, item_in_session, song, artist
FROM events_c WHERE page = 'NextSong';
-- check: SELECT count(*) FROM events_c
-- check: SELECT pg_last_copy_count()
-- check: SELECT count(*) FROM plays_c a JOIN (SELECT DISTINCT user_id FROM plays_c) u USING (user_id)
-- check: SELECT count(*) FROM (SELECT user_id, RANK() OVER (ORDER BY count(*) DESC) AS r FROM plays_c GROUP BY user_id) ranked WHERE r = 1
-- check: SELECT count(*) FROM plays_c WHERE to_char(start_time, 'DY') = 'MON'
-- check: SELECT count(*) FROM plays_c WHERE start_time = TIMESTAMP 'epoch' + (EXTRACT(epoch FROM start_time) * 1000)::BIGINT * INTERVAL '1 millisecond'
