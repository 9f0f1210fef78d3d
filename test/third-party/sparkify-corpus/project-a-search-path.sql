-- Style A: own schema via search_path, key-based CREDENTIALS, jsonpaths, INNER/LEFT JOIN ... ON.
CREATE SCHEMA IF NOT EXISTS sparkify;
SET search_path TO sparkify;
DROP TABLE IF EXISTS staging_events;
DROP TABLE IF EXISTS staging_songs;
CREATE TABLE IF NOT EXISTS staging_events (
  artist VARCHAR, auth VARCHAR, firstName VARCHAR, gender VARCHAR, itemInSession INTEGER,
  lastName VARCHAR, length FLOAT, level VARCHAR, location VARCHAR, method VARCHAR, page VARCHAR,
  registration BIGINT, sessionId INTEGER, song VARCHAR, status INTEGER, ts BIGINT, userAgent VARCHAR, userId VARCHAR);
CREATE TABLE IF NOT EXISTS staging_songs (
  num_songs INTEGER, artist_id VARCHAR, artist_latitude FLOAT, artist_longitude FLOAT, artist_location VARCHAR(MAX),
  artist_name VARCHAR(MAX), song_id VARCHAR, title VARCHAR(MAX), duration FLOAT, year INTEGER);
CREATE TABLE IF NOT EXISTS songplays (
  songplay_id INTEGER IDENTITY(0,1) PRIMARY KEY, start_time TIMESTAMP NOT NULL SORTKEY, user_id INTEGER NOT NULL DISTKEY,
  level VARCHAR, song_id VARCHAR, artist_id VARCHAR, session_id INTEGER, location VARCHAR, user_agent VARCHAR);
CREATE TABLE IF NOT EXISTS users (user_id INTEGER PRIMARY KEY SORTKEY, first_name VARCHAR, last_name VARCHAR, gender VARCHAR, level VARCHAR) DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS time (start_time TIMESTAMP PRIMARY KEY SORTKEY, hour INTEGER, day INTEGER, week INTEGER, month INTEGER, year INTEGER, weekday VARCHAR(9));
COPY staging_events FROM 's3://udacity-dend/log_data'
  CREDENTIALS 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE;aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY'
  FORMAT AS JSON 's3://udacity-dend/log_json_path.json' REGION 'us-west-2';
COPY staging_songs FROM 's3://udacity-dend/song_data'
  CREDENTIALS 'aws_access_key_id=AKIAIOSFODNN7EXAMPLE;aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY'
  JSON 'auto' REGION 'us-west-2' TRUNCATECOLUMNS;
INSERT INTO songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT timestamp 'epoch' + e.ts * interval '1 second' / 1000, e.userId::INTEGER, e.level, s.song_id, s.artist_id, e.sessionId, e.location, e.userAgent
FROM staging_events e
LEFT JOIN staging_songs s ON e.song = s.title AND e.artist = s.artist_name
WHERE e.page = 'NextSong';
INSERT INTO users
SELECT DISTINCT userId::INTEGER, firstName, lastName, gender, level FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY userId ORDER BY ts DESC) AS rn FROM staging_events WHERE page = 'NextSong' AND userId <> ''
) latest WHERE rn = 1;
INSERT INTO time
SELECT DISTINCT start_time, EXTRACT(hour FROM start_time), EXTRACT(day FROM start_time), EXTRACT(week FROM start_time),
       EXTRACT(month FROM start_time), EXTRACT(year FROM start_time), to_char(start_time, 'Day')
FROM songplays;
-- check: SELECT count(*) FROM staging_events
-- check: SELECT count(*) FROM staging_songs
-- check: SELECT count(*) FROM songplays
-- check: SELECT count(*) FROM users
-- check: SELECT count(*) FROM time
-- check: SELECT weekday, count(*) FROM time GROUP BY weekday ORDER BY weekday
