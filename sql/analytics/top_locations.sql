-- title: Top listening locations
SELECT sp.location, COUNT(*) AS plays
FROM songplays sp
WHERE sp.location IS NOT NULL
GROUP BY sp.location
ORDER BY plays DESC, sp.location
LIMIT 10;
