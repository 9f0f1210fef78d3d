-- Style B: public schema, IAM_ROLE, epoch/1000 * interval, implicit joins, DISTINCT dimensions.
DROP TABLE IF EXISTS staging_events_b;
CREATE TABLE staging_events_b (
  artist VARCHAR(256), auth VARCHAR(20), first_name VARCHAR(50), gender CHAR(1), item_in_session SMALLINT,
  last_name VARCHAR(50), length NUMERIC(10, 5), level VARCHAR(10), location VARCHAR(256), method VARCHAR(10),
  page VARCHAR(20), registration NUMERIC(15, 1), session_id INT, song VARCHAR(256), status SMALLINT,
  ts BIGINT, user_agent VARCHAR(256), user_id VARCHAR(10));
DROP TABLE IF EXISTS staging_songs_b;
CREATE TABLE staging_songs_b (
  song_id VARCHAR(20), num_songs INT, title VARCHAR(256), artist_name VARCHAR(256), artist_latitude NUMERIC(10, 5),
  year SMALLINT, duration NUMERIC(10, 5), artist_id VARCHAR(20), artist_longitude NUMERIC(10, 5), artist_location VARCHAR(256));
COPY staging_events_b FROM 's3://udacity-dend/log_data' IAM_ROLE '{{ROLE}}' JSON 's3://udacity-dend/log_json_path.json' COMPUPDATE OFF STATUPDATE OFF;
COPY staging_songs_b FROM 's3://udacity-dend/song_data' IAM_ROLE '{{ROLE}}' FORMAT AS JSON 'auto' TRUNCATECOLUMNS BLANKSASNULL EMPTYASNULL;
CREATE TABLE songs_b AS SELECT DISTINCT song_id, title, artist_id, year, duration FROM staging_songs_b;
CREATE TABLE artists_b (artist_id VARCHAR(20) NOT NULL SORTKEY, name VARCHAR(256), location VARCHAR(256), latitude NUMERIC(10,5), longitude NUMERIC(10,5)) DISTSTYLE ALL;
INSERT INTO artists_b
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY artist_id ORDER BY year DESC, song_id) AS n FROM staging_songs_b) AS ranked
WHERE n = 1;
CREATE TABLE songplays_b AS
SELECT TIMESTAMP 'epoch' + se.ts/1000 * INTERVAL '1 second' AS start_time, se.user_id, se.level, ss.song_id, ss.artist_id,
       se.session_id, se.location, se.user_agent
FROM staging_events_b se, staging_songs_b ss
WHERE se.page = 'NextSong' AND se.song = ss.title AND se.artist = ss.artist_name AND ABS(se.length - ss.duration) < 1;
-- A round trip some projects use to hand data on: UNLOAD as CSV, COPY it back.
UNLOAD ('SELECT song_id, title, artist_id, year, duration FROM songs_b WHERE title <> \'\'') TO 's3://udacity-dend/unload/songs_'
  IAM_ROLE '{{ROLE}}' FORMAT AS CSV HEADER PARALLEL OFF ALLOWOVERWRITE;
CREATE TABLE songs_copy (LIKE songs_b);
COPY songs_copy FROM 's3://udacity-dend/unload/songs_000' IAM_ROLE '{{ROLE}}' CSV IGNOREHEADER 1;
-- check: SELECT count(*) FROM songs_b
-- check: SELECT count(*) FROM artists_b
-- check: SELECT count(*) FROM songplays_b
-- check: SELECT count(DISTINCT user_id) FROM staging_events_b WHERE page = 'NextSong'
-- check: SELECT count(*) FROM songs_copy c JOIN songs_b s ON c.song_id = s.song_id AND c.title = s.title AND c.duration = s.duration
