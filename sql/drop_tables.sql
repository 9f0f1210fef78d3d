-- Drops every table the tool creates, facts first so nothing ever points at a missing dimension.
DROP TABLE IF EXISTS songplays;
DROP TABLE IF EXISTS users;
DROP TABLE IF EXISTS songs;
DROP TABLE IF EXISTS artists;
DROP TABLE IF EXISTS time;
DROP TABLE IF EXISTS staging_events;
DROP TABLE IF EXISTS staging_songs;
-- New tables hold no load, so the record of the last one goes with them.
DROP TABLE IF EXISTS sparkify_load;
