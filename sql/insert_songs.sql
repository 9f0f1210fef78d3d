-- One row per song_id even if the catalogue lists a song twice.
DELETE FROM songs;

INSERT INTO songs (song_id, title, artist_id, year, duration)
SELECT song_id, title, artist_id, year, duration
FROM (
    SELECT song_id, title, artist_id, year, duration,
           ROW_NUMBER() OVER (PARTITION BY song_id ORDER BY year DESC, duration) AS pick
    FROM staging_songs
    WHERE song_id IS NOT NULL
) unique_songs
WHERE pick = 1;
