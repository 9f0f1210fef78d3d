CREATE TABLE IF NOT EXISTS staging_events (artist VARCHAR, auth VARCHAR, firstName VARCHAR, gender VARCHAR, itemInSession INTEGER,
  lastName VARCHAR, length FLOAT, level VARCHAR, location VARCHAR, method VARCHAR, page VARCHAR, registration BIGINT,
  sessionId INTEGER, song VARCHAR, status INTEGER, ts BIGINT, userAgent VARCHAR, userId INTEGER);
CREATE TABLE IF NOT EXISTS staging_songs (num_songs INTEGER, artist_id VARCHAR, artist_latitude FLOAT, artist_longitude FLOAT,
  artist_location VARCHAR(MAX), artist_name VARCHAR(MAX), song_id VARCHAR, title VARCHAR(MAX), duration FLOAT, year INTEGER);
