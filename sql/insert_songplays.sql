-- One row per NextSong event. The song catalogue is partial, so the match is a LEFT JOIN:
-- song_id/artist_id are NULL when no song has that title and artist name, and when several do,
-- the one whose duration is closest to the played length wins (ties by song_id) so no event is
-- duplicated. Events are numbered first because the log has no id of its own.
DELETE FROM songplays;

INSERT INTO songplays (start_time, user_id, level, song_id, artist_id, session_id, location, user_agent)
SELECT TIMESTAMP 'epoch' + e.ts / 1000 * INTERVAL '1 second',
       e.user_id::INTEGER,
       e.level,
       m.song_id,
       m.artist_id,
       e.session_id,
       e.location,
       e.user_agent
FROM (
    SELECT ROW_NUMBER() OVER (ORDER BY ts, session_id, item_in_session, user_id) AS event_no,
           ts, user_id, level, session_id, location, user_agent, song, artist, length
    FROM staging_events
    WHERE page = 'NextSong' AND user_id IS NOT NULL AND user_id <> ''
) e
LEFT JOIN (
    SELECT event_no, song_id, artist_id
    FROM (
        SELECT ev.event_no, s.song_id, s.artist_id,
               ROW_NUMBER() OVER (
                   PARTITION BY ev.event_no
                   ORDER BY ABS(s.duration - ev.length), s.song_id
               ) AS closeness
        FROM (
            SELECT ROW_NUMBER() OVER (ORDER BY ts, session_id, item_in_session, user_id) AS event_no,
                   song, artist, length
            FROM staging_events
            WHERE page = 'NextSong' AND user_id IS NOT NULL AND user_id <> ''
        ) ev
        JOIN staging_songs s ON s.title = ev.song AND s.artist_name = ev.artist
    ) ranked
    WHERE closeness = 1
) m ON m.event_no = e.event_no;
