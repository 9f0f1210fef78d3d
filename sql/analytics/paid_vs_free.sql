-- title: Plays by subscription level
SELECT sp.level, COUNT(*) AS plays, COUNT(DISTINCT sp.user_id) AS users
FROM songplays sp
GROUP BY sp.level
ORDER BY plays DESC;
