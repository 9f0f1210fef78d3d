-- Placeholders {{…}} are filled from dwh.cfg and the IAM role the tool created.
-- The two COPYs are independent and run concurrently.

-- name: staging_events
COPY staging_events
FROM '{{LOG_DATA}}'
IAM_ROLE '{{IAM_ROLE_ARN}}'
FORMAT AS JSON '{{LOG_JSONPATH}}'
REGION '{{S3_REGION}}'
TIMEFORMAT 'epochmillisecs'
COMPUPDATE OFF STATUPDATE OFF;

-- name: staging_songs
COPY staging_songs
FROM '{{SONG_DATA}}'
IAM_ROLE '{{IAM_ROLE_ARN}}'
FORMAT AS JSON 'auto'
REGION '{{S3_REGION}}'
TRUNCATECOLUMNS BLANKSASNULL EMPTYASNULL
COMPUPDATE OFF STATUPDATE OFF;
