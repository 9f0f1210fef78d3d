// What every cluster database holds besides user tables: the `public` schema, Redshift's load
// system tables (real tables in `main`, so joins/filters/limits work), the catalog of Redshift-only
// table facts, and macros that stand in for Redshift functions DuckDB lacks.

/** Run once when a cluster database is opened; idempotent. */
export const SETUP_STATEMENTS: string[] = [
  `CREATE SCHEMA IF NOT EXISTS public`,
  `CREATE TABLE IF NOT EXISTS main.sparkify_table_catalog (
     schema_name VARCHAR, table_name VARCHAR, column_name VARCHAR, ordinal INTEGER,
     redshift_type VARCHAR, max_bytes INTEGER, encode VARCHAR, identity_sequence VARCHAR,
     diststyle VARCHAR, distkey VARCHAR, sortkeys VARCHAR, sortkey_style VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS main.stl_load_errors (
     userid INTEGER, slice INTEGER, tbl INTEGER, starttime TIMESTAMP, session INTEGER, query INTEGER,
     filename VARCHAR, line_number BIGINT, colname VARCHAR, type VARCHAR, col_length VARCHAR,
     position INTEGER, raw_line VARCHAR, raw_field_value VARCHAR, err_code INTEGER, err_reason VARCHAR,
     is_partial INTEGER, start_offset BIGINT)`,
  `CREATE TABLE IF NOT EXISTS main.sys_load_history (
     user_id INTEGER, query_id BIGINT, status VARCHAR, session_id INTEGER, transaction_id BIGINT,
     database_name VARCHAR, table_name VARCHAR, start_time TIMESTAMP, end_time TIMESTAMP, duration BIGINT,
     data_source VARCHAR, file_format VARCHAR, loaded_rows BIGINT, loaded_bytes BIGINT,
     source_file_count INTEGER, source_file_bytes BIGINT, file_count_scanned INTEGER,
     file_bytes_scanned BIGINT, error_count BIGINT, copy_job_id BIGINT)`,
  `CREATE TABLE IF NOT EXISTS main.sys_load_detail (
     user_id INTEGER, query_id BIGINT, file_name VARCHAR, bytes_scanned BIGINT, lines_scanned BIGINT,
     errors BIGINT, status VARCHAR, record_time TIMESTAMP, start_time TIMESTAMP, end_time TIMESTAMP)`,
  // Redshift's documented columns (char(n) as VARCHAR); keyed by the SYS query_id, unlike stl_load_errors.
  `CREATE TABLE IF NOT EXISTS main.sys_load_error_detail (
     user_id INTEGER, query_id BIGINT, transaction_id BIGINT, session_id INTEGER, database_name VARCHAR, table_id INTEGER,
     start_time TIMESTAMP, file_name VARCHAR, line_number BIGINT, column_name VARCHAR, column_type VARCHAR,
     column_length VARCHAR, position INTEGER, error_code INTEGER, error_message VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS main.stl_load_commits (
     userid INTEGER, query INTEGER, slice INTEGER, name VARCHAR, filename VARCHAR, byte_offset INTEGER,
     lines_scanned INTEGER, errors INTEGER, curtime TIMESTAMP, status INTEGER, file_format VARCHAR)`,
  // Redshift's columns of SVV_TABLE_INFO; storage figures DuckDB cannot know are NULL or 0.
  `CREATE OR REPLACE VIEW main.svv_table_info AS
   SELECT t.database_name AS database, t.schema_name AS schema, t.table_oid AS table_id, t.table_name AS "table",
          'Y' AS encoded,
          CASE c.diststyle WHEN 'KEY' THEN 'KEY(' || c.distkey || ')' WHEN 'AUTO' THEN 'AUTO(EVEN)'
               ELSE coalesce(c.diststyle, 'AUTO(EVEN)') END AS diststyle,
          nullif(split_part(coalesce(c.sortkeys, ''), ',', 1), '') AS sortkey1,
          CAST(NULL AS INTEGER) AS max_varchar, CAST(NULL AS VARCHAR) AS sortkey1_enc,
          CASE WHEN coalesce(c.sortkeys, '') = '' THEN 0 ELSE len(string_split(c.sortkeys, ',')) END AS sortkey_num,
          CAST(NULL AS BIGINT) AS size, CAST(NULL AS DECIMAL(10,4)) AS pct_used, CAST(0 AS BIGINT) AS empty,
          CAST(NULL AS DECIMAL(5,2)) AS unsorted, CAST(NULL AS DECIMAL(5,2)) AS stats_off,
          t.estimated_size AS tbl_rows, CAST(NULL AS DECIMAL(19,2)) AS skew_sortkey1, CAST(NULL AS DECIMAL(19,2)) AS skew_rows,
          t.estimated_size AS estimated_visible_rows, CAST(NULL AS VARCHAR) AS risk_event,
          CAST(NULL AS DECIMAL(12,2)) AS vacuum_sort_benefit, CAST(NULL AS TIMESTAMP) AS create_time
   FROM duckdb_tables() t
   LEFT JOIN (SELECT DISTINCT schema_name, table_name, diststyle, distkey, sortkeys FROM main.sparkify_table_catalog) c
     ON c.schema_name = t.schema_name AND c.table_name = t.table_name
   WHERE t.schema_name <> 'main' AND NOT t.internal`,
  // PG_TABLE_DEF lists only tables in schemas on the search_path, as Redshift does.
  `CREATE OR REPLACE VIEW main.pg_table_def AS
   SELECT c.schema_name AS schemaname, c.table_name AS tablename, c.column_name AS "column",
          coalesce(k.redshift_type, lower(c.data_type)) AS type, coalesce(k.encode, 'none') AS encoding,
          coalesce(k.distkey = c.column_name, false) AS distkey,
          CAST(coalesce(list_position(string_split(k.sortkeys, ','), c.column_name), 0) AS INTEGER) AS sortkey,
          NOT c.is_nullable AS notnull
   FROM duckdb_columns() c
   LEFT JOIN main.sparkify_table_catalog k
     ON k.schema_name = c.schema_name AND k.table_name = c.table_name AND k.column_name = c.column_name
   WHERE c.schema_name <> 'main' AND NOT c.internal
     AND list_contains(string_split(current_setting('search_path'), ','), c.schema_name)`,
  // Per-session facts live in the connection's variables, set by EngineSession.
  `CREATE OR REPLACE MACRO main.redshift_current_user() AS CAST(getvariable('sparkify_db_user') AS VARCHAR)`,
  `CREATE OR REPLACE MACRO main.redshift_current_database() AS CAST(getvariable('sparkify_database') AS VARCHAR)`,
  `CREATE OR REPLACE MACRO main.redshift_version() AS
     'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467'`,
  `CREATE OR REPLACE MACRO main.pg_last_copy_count() AS CAST(coalesce(getvariable('sparkify_last_copy_count'), 0) AS INTEGER)`,
  `CREATE OR REPLACE MACRO main.pg_last_copy_id() AS CAST(coalesce(getvariable('sparkify_last_copy_id'), -1) AS INTEGER)`,
  // Redshift raises on x / 0 and x % 0 where DuckDB gives NULL (operator-rewrite.ts wraps the divisor).
  `CREATE OR REPLACE MACRO main.redshift_nonzero(x) AS CASE WHEN x = 0 THEN error('division by zero') ELSE x END`,
  // An explicit cast to VARCHAR(n) truncates (an INSERT of a longer value fails on the CHECK instead).
  `CREATE OR REPLACE MACRO main.redshift_varchar(s, n) AS left(CAST(s AS VARCHAR), n)`,
  `CREATE OR REPLACE MACRO main.redshift_to_char(s) AS s`,
  `CREATE OR REPLACE MACRO main.getdate() AS CAST(timezone('UTC', now()) AS TIMESTAMP)`,
  `CREATE OR REPLACE MACRO main.nvl2(a, b, c) AS CASE WHEN a IS NOT NULL THEN b ELSE c END`,
  // STRTOL(num_string, base), as C's strtol: leading white space, one optional sign, '0x' allowed in
  // base 16, then the longest run of digits valid in the base (either case); no digits gives 0.
  `CREATE OR REPLACE MACRO main.redshift_strtol_digits(s, base) AS regexp_extract(s,
     '^\\s*[+-]?' || CASE WHEN base = 16 THEN '(?:0x)?' ELSE '' END ||
     '([' || CASE WHEN base <= 10 THEN '0-' || CAST(base - 1 AS VARCHAR) ELSE '0-9a-' || chr(CAST(86 + base AS INTEGER)) END || ']*)',
     1, 'i')`,
  // The sign goes into every step, not onto the result, so -9223372036854775808 does not overflow.
  // The leading [0] stands in for list_reduce's initial value, which misaligns captured columns
  // (base, s) across rows in DuckDB 1.5.
  `CREATE OR REPLACE MACRO main.redshift_strtol(s, base) AS CASE
     WHEN base NOT BETWEEN 2 AND 36 THEN error('STRTOL base must be an integer between 2 and 36, not ' || base)
     ELSE list_reduce(
       [CAST(0 AS BIGINT)] || list_transform(string_split(main.redshift_strtol_digits(s, base), ''),
         d -> CAST(instr('0123456789abcdefghijklmnopqrstuvwxyz', lower(d)) - 1 AS BIGINT)),
       (acc, d) -> acc * base + CASE WHEN regexp_matches(s, '^\\s*-') THEN -d ELSE d END) END`,
  `CREATE OR REPLACE MACRO main.redshift_dateadd(part, n, ts) AS CAST(ts AS TIMESTAMP) + CASE part
     WHEN 'year' THEN to_years(CAST(n AS INTEGER)) WHEN 'quarter' THEN to_months(CAST(3 * n AS INTEGER))
     WHEN 'month' THEN to_months(CAST(n AS INTEGER)) WHEN 'week' THEN to_days(CAST(7 * n AS INTEGER))
     WHEN 'day' THEN to_days(CAST(n AS INTEGER)) WHEN 'hour' THEN to_hours(CAST(n AS BIGINT))
     WHEN 'minute' THEN to_minutes(CAST(n AS BIGINT)) WHEN 'second' THEN to_seconds(CAST(n AS DOUBLE))
     WHEN 'millisecond' THEN to_milliseconds(CAST(n AS DOUBLE)) ELSE to_microseconds(CAST(n AS BIGINT)) END`,
];

/** Per connection: Redshift's default schema first, system tables next; `/` on integers truncates as in Redshift. */
export const SESSION_STATEMENTS: string[] = [
  `SET search_path = 'public,main'`,
  `SET integer_division = true`,
  `SET TimeZone = 'UTC'`,
];
