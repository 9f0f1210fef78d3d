-- Each check is one query returning one value, compared with `expect` (a number, or a
-- {{placeholder}} the ETL fills: source record counts come from reading the S3 objects themselves).
-- `report` checks are measurements, shown but never failing.

-- check: songplays has unique songplay_id
-- expect: 0
SELECT COUNT(*) FROM (SELECT songplay_id FROM songplays GROUP BY songplay_id HAVING COUNT(*) > 1) dup;

-- check: users has unique user_id
-- expect: 0
SELECT COUNT(*) FROM (SELECT user_id FROM users GROUP BY user_id HAVING COUNT(*) > 1) dup;

-- check: songs has unique song_id
-- expect: 0
SELECT COUNT(*) FROM (SELECT song_id FROM songs GROUP BY song_id HAVING COUNT(*) > 1) dup;

-- check: artists has unique artist_id
-- expect: 0
SELECT COUNT(*) FROM (SELECT artist_id FROM artists GROUP BY artist_id HAVING COUNT(*) > 1) dup;

-- check: time has unique start_time
-- expect: 0
SELECT COUNT(*) FROM (SELECT start_time FROM time GROUP BY start_time HAVING COUNT(*) > 1) dup;

-- check: songplays has no NULL start_time or user_id
-- expect: 0
SELECT COUNT(*) FROM songplays WHERE start_time IS NULL OR user_id IS NULL;

-- check: every songplay start_time is in time
-- expect: 0
SELECT COUNT(*) FROM songplays sp LEFT JOIN time t ON t.start_time = sp.start_time WHERE t.start_time IS NULL;

-- check: every songplay user is in users
-- expect: 0
SELECT COUNT(*) FROM songplays sp LEFT JOIN users u ON u.user_id = sp.user_id WHERE u.user_id IS NULL;

-- check: staging_events rows equal the log records in S3
-- expect: {{SOURCE_LOG_RECORDS}}
SELECT COUNT(*) FROM staging_events;

-- check: staging_songs rows equal the song records in S3
-- expect: {{SOURCE_SONG_RECORDS}}
SELECT COUNT(*) FROM staging_songs;

-- check: songplays rows equal the NextSong events
-- expect: {{NEXTSONG_EVENTS}}
SELECT COUNT(*) FROM songplays;

-- check: share of songplays matched to a song (%)
-- report
SELECT ROUND(100.0 * COUNT(song_id) / NULLIF(COUNT(*), 0), 2) FROM songplays;
