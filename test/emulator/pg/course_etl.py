"""The classic course scripts (create_tables.py + etl.py) in one: psycopg2, a dwh.cfg with
[CLUSTER] HOST/DB_NAME/DB_USER/DB_PASSWORD/DB_PORT, DROP/CREATE with DISTSTYLE/SORTKEY, COPY from
S3 with IAM_ROLE and JSON paths, INSERT ... SELECT, commit, count. Run as: python3 course_etl.py dwh.cfg
Prints the row counts as JSON on the last line."""
import configparser
import json
import sys

import psycopg2

config = configparser.ConfigParser()
config.read(sys.argv[1])

DROP = ["DROP TABLE IF EXISTS staging_events", "DROP TABLE IF EXISTS staging_songs", "DROP TABLE IF EXISTS songplays", "DROP TABLE IF EXISTS users"]
CREATE = [
    """CREATE TABLE staging_events (artist VARCHAR, auth VARCHAR, firstName VARCHAR, gender VARCHAR, itemInSession INTEGER,
        lastName VARCHAR, length FLOAT, level VARCHAR, location VARCHAR, method VARCHAR, page VARCHAR, registration FLOAT,
        sessionId INTEGER, song VARCHAR, status INTEGER, ts BIGINT, userAgent VARCHAR, userId VARCHAR) DISTSTYLE EVEN""",
    """CREATE TABLE staging_songs (num_songs INTEGER, artist_id VARCHAR, artist_latitude FLOAT, artist_longitude FLOAT,
        artist_location VARCHAR(512), artist_name VARCHAR(512), song_id VARCHAR, title VARCHAR(512), duration FLOAT, year INTEGER)""",
    """CREATE TABLE songplays (songplay_id INTEGER IDENTITY(0,1) PRIMARY KEY, start_time TIMESTAMP NOT NULL SORTKEY DISTKEY,
        user_id INTEGER NOT NULL, level VARCHAR, song_id VARCHAR, artist_id VARCHAR, session_id INTEGER, location VARCHAR,
        user_agent VARCHAR)""",
    """CREATE TABLE users (user_id INTEGER NOT NULL SORTKEY PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        gender VARCHAR, level VARCHAR) DISTSTYLE ALL""",
]
COPY = [
    """COPY staging_events FROM {} IAM_ROLE {} FORMAT AS JSON {} REGION 'us-west-2'""".format(
        "'" + config['S3']['LOG_DATA'] + "'", "'" + config['IAM_ROLE']['ARN'] + "'", "'" + config['S3']['LOG_JSONPATH'] + "'"),
    """COPY staging_songs FROM {} IAM_ROLE {} FORMAT AS JSON 'auto' REGION 'us-west-2'""".format(
        "'" + config['S3']['SONG_DATA'] + "'", "'" + config['IAM_ROLE']['ARN'] + "'"),
]
INSERT = [
    """INSERT INTO songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
       SELECT TIMESTAMP 'epoch' + e.ts / 1000 * INTERVAL '1 second', e.userId::INTEGER, e.level, NULL, NULL,
              e.sessionId, e.location, e.userAgent
       FROM staging_events e WHERE e.page = 'NextSong' AND e.userId IS NOT NULL AND e.userId <> ''""",
    """INSERT INTO users (user_id, first_name, last_name, gender, level)
       SELECT DISTINCT userId::INTEGER, firstName, lastName, gender, level FROM staging_events e
       WHERE page = 'NextSong' AND userId <> ''
         AND ts = (SELECT max(ts) FROM staging_events s WHERE s.userId = e.userId AND s.page = 'NextSong')""",
]


def main():
    conn = psycopg2.connect("host={} dbname={} user={} password={} port={}".format(*config['CLUSTER'].values()))
    cur = conn.cursor()
    for query in DROP + CREATE:
        cur.execute(query)
        conn.commit()
    for query in COPY + INSERT:
        cur.execute(query)
        conn.commit()
    counts = {}
    for table in ['staging_events', 'staging_songs', 'songplays', 'users']:
        cur.execute("SELECT COUNT(*) FROM " + table)
        counts[table] = cur.fetchone()[0]
    # A failing statement raises psycopg2's class for its SQLSTATE; the transaction is then rolled back.
    try:
        cur.execute("SELECT * FROM no_such_table")
    except psycopg2.errors.UndefinedTable as err:
        counts['error'] = err.pgcode
        conn.rollback()
    conn.close()
    print(json.dumps(counts))


main()
