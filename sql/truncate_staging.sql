-- COPY appends, so the staging tables are emptied first: a re-run loads each record once.
-- (TRUNCATE commits at once on Redshift; staging holds nothing that is not in S3.)
TRUNCATE staging_events;
TRUNCATE staging_songs;
