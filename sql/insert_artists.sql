-- One row per artist_id: an artist appears once per song, and the rows may disagree on location,
-- so prefer the row that has a location and coordinates.
DELETE FROM artists;

INSERT INTO artists (artist_id, name, location, latitude, longitude)
SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude
FROM (
    SELECT artist_id, artist_name, artist_location, artist_latitude, artist_longitude,
           ROW_NUMBER() OVER (
               PARTITION BY artist_id
               ORDER BY CASE WHEN artist_location IS NULL OR artist_location = '' THEN 1 ELSE 0 END,
                        CASE WHEN artist_latitude IS NULL THEN 1 ELSE 0 END,
                        artist_name
           ) AS pick
    FROM staging_songs
    WHERE artist_id IS NOT NULL
) unique_artists
WHERE pick = 1;
