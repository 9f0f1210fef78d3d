-- Staging tables mirror the JSON sources; they are loaded by COPY and read once by the inserts,
-- so EVEN distribution (no skew, no key to choose) is all they need.

-- The 18 log fields, in log_json_path.json order (COPY maps jsonpaths to columns by position).
-- user_id stays text: logged-out events carry "" and a numeric column would reject them.
CREATE TABLE IF NOT EXISTS staging_events (
    artist          VARCHAR(512),
    auth            VARCHAR(32),
    first_name      VARCHAR(256),
    gender          VARCHAR(8),
    item_in_session INTEGER,
    last_name       VARCHAR(256),
    length          DOUBLE PRECISION,
    level           VARCHAR(16),
    location        VARCHAR(512),
    method          VARCHAR(16),
    page            VARCHAR(64),
    registration    DOUBLE PRECISION,
    session_id      INTEGER,
    song            VARCHAR(512),
    status          INTEGER,
    ts              BIGINT,
    user_agent      VARCHAR(1024),
    user_id         VARCHAR(32)
) DISTSTYLE EVEN;

-- The 10 song fields; column names equal the JSON keys because COPY uses JSON 'auto'.
CREATE TABLE IF NOT EXISTS staging_songs (
    num_songs        INTEGER,
    artist_id        VARCHAR(32),
    artist_latitude  DOUBLE PRECISION,
    artist_longitude DOUBLE PRECISION,
    artist_location  VARCHAR(512),
    artist_name      VARCHAR(512),
    song_id          VARCHAR(32),
    title            VARCHAR(512),
    duration         DOUBLE PRECISION,
    year             INTEGER
) DISTSTYLE EVEN;

-- Fact: one row per NextSong event. Analysts filter by time range and join to time on start_time,
-- so start_time is both the distribution key (co-located with time, spread evenly because
-- timestamps barely repeat) and the sort key (range-restricted scans skip blocks).
CREATE TABLE IF NOT EXISTS songplays (
    songplay_id BIGINT IDENTITY(0, 1) PRIMARY KEY,
    start_time  TIMESTAMP NOT NULL DISTKEY SORTKEY,
    user_id     INTEGER NOT NULL,
    level       VARCHAR(16),
    song_id     VARCHAR(32),
    artist_id   VARCHAR(32),
    session_id  INTEGER,
    location    VARCHAR(512),
    user_agent  VARCHAR(1024)
);

-- Small dimensions are copied to every node (DISTSTYLE ALL): joins to them never move data.
CREATE TABLE IF NOT EXISTS users (
    user_id    INTEGER NOT NULL PRIMARY KEY SORTKEY,
    first_name VARCHAR(256),
    last_name  VARCHAR(256),
    gender     VARCHAR(8),
    level      VARCHAR(16)
) DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS songs (
    song_id   VARCHAR(32) NOT NULL PRIMARY KEY SORTKEY,
    title     VARCHAR(512),
    artist_id VARCHAR(32),
    year      INTEGER,
    duration  DOUBLE PRECISION
) DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS artists (
    artist_id VARCHAR(32) NOT NULL PRIMARY KEY SORTKEY,
    name      VARCHAR(512),
    location  VARCHAR(512),
    latitude  DOUBLE PRECISION,
    longitude DOUBLE PRECISION
) DISTSTYLE ALL;

-- time grows with the fact table (one row per distinct start_time), so it is not small:
-- it shares the fact's distribution and sort key so the songplays ⋈ time join is node-local.
CREATE TABLE IF NOT EXISTS time (
    start_time TIMESTAMP NOT NULL PRIMARY KEY DISTKEY SORTKEY,
    hour       SMALLINT,
    day        SMALLINT,
    week       SMALLINT,
    month      SMALLINT,
    year       SMALLINT,
    weekday    SMALLINT
);
