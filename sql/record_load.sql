-- The id of the load that filled the star tables. It runs in the same transaction as their inserts,
-- so the warehouse itself says which load it holds, and the state file can be checked against it.
CREATE TABLE IF NOT EXISTS sparkify_load (
    load_id     VARCHAR(64) NOT NULL,
    finished_at TIMESTAMP
) DISTSTYLE ALL;

DELETE FROM sparkify_load;

INSERT INTO sparkify_load (load_id, finished_at) VALUES ('{{LOAD_ID}}', GETDATE());
