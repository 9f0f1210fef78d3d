-- One row per NextSong event. The song catalogue is partial, so the match is a LEFT JOIN:
-- song_id/artist_id are NULL when no song has that title and artist name, and when several do,
-- the one whose duration is closest to the played length wins (ties by song_id) so no event is
-- duplicated. The log has no event id, so the events are numbered, once, and matched in one pass:
-- numbering them twice and joining the two would pair different events wherever two tie on the
-- ORDER BY, since a parallel engine may number ties differently each time.
DELETE FROM songplays;

INSERT INTO songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT TIMESTAMP 'epoch' + ts / 1000 * INTERVAL '1 second',
       user_id::INTEGER,
       level,
       song_id,
       artist_id,
       session_id,
       location,
       user_agent
FROM (
    SELECT e.ts, e.user_id, e.level, e.session_id, e.location, e.user_agent, s.song_id, s.artist_id,
           ROW_NUMBER() OVER (
               PARTITION BY e.event_no
               ORDER BY ABS(s.duration - e.length), s.song_id
           ) AS closeness
    FROM (
        SELECT ROW_NUMBER() OVER (ORDER BY ts, session_id, item_in_session, user_id) AS event_no,
               ts, user_id, level, session_id, location, user_agent, song, artist, length
        FROM staging_events
        WHERE page = 'NextSong' AND user_id IS NOT NULL AND user_id <> ''
    ) e
    LEFT JOIN staging_songs s ON s.title = e.song AND s.artist_name = e.artist
) matched
WHERE closeness = 1;
