-- One row per user who played a song, with the level of that user's latest event
-- (users move between free and paid; the newest event wins).
-- All five star tables are replaced in one transaction (etl.ts), so a re-run never duplicates and
-- a failure anywhere leaves every star table as the previous load left it.
DELETE FROM users;

INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id::INTEGER, first_name, last_name, gender, level
FROM (
    SELECT user_id, first_name, last_name, gender, level,
           ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS recency
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL AND user_id <> ''
) latest
WHERE recency = 1;
