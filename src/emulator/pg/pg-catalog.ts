// Enough of PostgreSQL's catalog for psql (\dt, \d <table>, \dn) and Redshift's PG_TABLE_DEF, over
// the cluster's DuckDB database. psql qualifies its catalog queries with `pg_catalog.`; those are
// routed here and run against views and macros in the `sparkify_pg` schema, because DuckDB's own
// pg_catalog is partial (format_type(23) says float8, pg_attribute's type oids are DuckDB's) and
// lists the emulator's internal `main` schema, which Redshift users never see.
import { isWord, joinTokens, quoteString, significant, tokenize, type Token } from '../engine/sql-tokenizer.js';

/** Redshift type text (as in main.sparkify_table_catalog) → PostgreSQL type oid. */
const TYPE_OID_SQL = `CASE
  WHEN t LIKE 'character varying%' THEN 1043 WHEN t LIKE 'character(%' OR t = 'character' THEN 1042
  WHEN t = 'integer' THEN 23 WHEN t = 'bigint' THEN 20 WHEN t = 'smallint' THEN 21 WHEN t = 'boolean' THEN 16
  WHEN t = 'double precision' THEN 701 WHEN t = 'real' THEN 700 WHEN t LIKE 'numeric%' THEN 1700
  WHEN t = 'date' THEN 1082 WHEN t LIKE 'timestamp with time zone' THEN 1184 WHEN t LIKE 'timestamp%' THEN 1114
  WHEN t LIKE 'time%' THEN 1083 ELSE 25 END`;

const DUCK_TYPE_OID_SQL = `CASE
  WHEN d = 'VARCHAR' THEN 1043 WHEN d = 'INTEGER' THEN 23 WHEN d = 'BIGINT' THEN 20 WHEN d = 'SMALLINT' THEN 21
  WHEN d = 'BOOLEAN' THEN 16 WHEN d = 'DOUBLE' THEN 701 WHEN d = 'FLOAT' THEN 700 WHEN d LIKE 'DECIMAL%' THEN 1700
  WHEN d = 'DATE' THEN 1082 WHEN d = 'TIMESTAMP WITH TIME ZONE' THEN 1184 WHEN d LIKE 'TIMESTAMP%' THEN 1114
  WHEN d = 'TIME' THEN 1083 ELSE 25 END`;

/** The schemas users see: not the emulator's `main` (system tables, catalog) nor this one. */
const USER_SCHEMA = `schema_name NOT IN ('main', 'sparkify_pg', 'information_schema', 'pg_catalog') AND NOT internal`;

/** Created on the cluster database by the PostgreSQL endpoint when a connection first opens it (idempotent). */
export function pgCatalogSetup(masterUser: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS sparkify_pg`,
    `CREATE OR REPLACE MACRO sparkify_pg.redshift_type_oid(t) AS ${TYPE_OID_SQL}`,
    `CREATE OR REPLACE MACRO sparkify_pg.duck_type_oid(d) AS ${DUCK_TYPE_OID_SQL}`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_namespace AS
       SELECT oid, schema_name AS nspname, 100 AS nspowner, NULL AS nspacl FROM duckdb_schemas()
       WHERE database_name = current_database() AND ${USER_SCHEMA}`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_class AS
       SELECT table_oid AS oid, table_name AS relname, schema_oid AS relnamespace, 'r' AS relkind, 100 AS relowner,
              0 AS relam, 0 AS reltablespace, 0 AS reloftype, CAST(estimated_size AS FLOAT) AS reltuples,
              false AS relhasindex, false AS relhasrules, false AS relhastriggers, false AS relrowsecurity,
              false AS relforcerowsecurity, false AS relhasoids, false AS relispartition, 'p' AS relpersistence,
              'd' AS relreplident, 0 AS relchecks, column_count AS relnatts, NULL AS relacl, NULL AS reloptions, NULL AS relpartbound,
              0 AS reltoastrelid
       FROM duckdb_tables() WHERE database_name = current_database() AND ${USER_SCHEMA}
       UNION ALL
       SELECT view_oid, view_name, schema_oid, 'v', 100, 0, 0, 0, 0, false, false, false, false, false, false, false, 'p', 'd', 0,
              column_count, NULL, NULL, NULL, 0
       FROM duckdb_views() WHERE database_name = current_database() AND ${USER_SCHEMA}`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_attribute AS
       SELECT c.table_oid AS attrelid, c.column_name AS attname,
              coalesce(sparkify_pg.redshift_type_oid(k.redshift_type), sparkify_pg.duck_type_oid(c.data_type)) AS atttypid,
              CASE WHEN k.max_bytes IS NOT NULL THEN k.max_bytes + 4
                   WHEN k.redshift_type LIKE 'numeric(%' THEN
                     (CAST(regexp_extract(k.redshift_type, 'numeric\\((\\d+)', 1) AS INTEGER) * 65536
                      + CAST(coalesce(nullif(regexp_extract(k.redshift_type, ',\\s*(\\d+)', 1), ''), '0') AS INTEGER)) + 4
                   ELSE -1 END AS atttypmod,
              c.column_index AS attnum, NOT c.is_nullable AS attnotnull, c.column_default IS NOT NULL AS atthasdef,
              false AS attisdropped, '' AS attidentity, '' AS attgenerated, 0 AS attcollation, -1 AS attlen,
              -1 AS attstattarget, 'p' AS attstorage, '' AS attcompression, 0 AS attndims, NULL AS attfdwoptions, NULL AS attoptions
       FROM duckdb_columns() c
       LEFT JOIN main.sparkify_table_catalog k ON k.schema_name = c.schema_name AND k.table_name = c.table_name AND k.column_name = c.column_name
       WHERE c.database_name = current_database() AND c.schema_name NOT IN ('main', 'sparkify_pg') AND NOT c.internal`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_collation AS SELECT 0 AS oid, 'default' AS collname WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_type AS
       SELECT oid, typname, 0 AS typcollation, 11 AS typnamespace, 'b' AS typtype, -1 AS typlen, 0 AS typelem, 0 AS typbasetype FROM (VALUES (16, 'bool'), (20, 'int8'), (21, 'int2'), (23, 'int4'), (25, 'text'), (700, 'float4'), (701, 'float8'),
         (1042, 'bpchar'), (1043, 'varchar'), (1082, 'date'), (1083, 'time'), (1114, 'timestamp'), (1184, 'timestamptz'), (1700, 'numeric'))
         AS t(oid, typname)`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_attrdef AS
       SELECT 0 AS oid, c.table_oid AS adrelid, c.column_index AS adnum, c.column_default AS adbin
       FROM duckdb_columns() c WHERE c.column_default IS NOT NULL AND c.schema_name NOT IN ('main', 'sparkify_pg')`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_index AS
       SELECT 0 AS indexrelid, 0 AS indrelid, false AS indisprimary, false AS indisunique, false AS indisclustered,
              false AS indisvalid, false AS indimmediate, false AS indisreplident, '' AS indkey, 0 AS indnatts WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_constraint AS
       SELECT 0 AS oid, '' AS conname, 0 AS conrelid, '' AS contype, 0 AS confrelid, 0 AS conindid, '' AS conkey, 0 AS connamespace,
              false AS condeferrable, false AS condeferred, true AS convalidated, 0 AS conparentid WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_inherits AS SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_trigger AS SELECT 0 AS oid, 0 AS tgrelid, '' AS tgname, false AS tgisinternal, '' AS tgenabled WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_rewrite AS SELECT 0 AS oid, 0 AS ev_class, '' AS rulename WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_policy AS SELECT 0 AS oid, 0 AS polrelid, '' AS polname WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_statistic_ext AS SELECT 0 AS oid, 0 AS stxrelid, '' AS stxname WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_publication AS SELECT 0 AS oid, '' AS pubname WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_foreign_table AS SELECT 0 AS ftrelid, 0 AS ftserver WHERE false`,
    `CREATE OR REPLACE VIEW sparkify_pg.pg_am AS SELECT 0 AS oid, 'heap' AS amname WHERE false`,
    `CREATE OR REPLACE MACRO sparkify_pg.format_type(oid, typmod) AS CASE oid
       WHEN 16 THEN 'boolean' WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint' WHEN 23 THEN 'integer' WHEN 25 THEN 'text'
       WHEN 700 THEN 'real' WHEN 701 THEN 'double precision' WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone'
       WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone'
       WHEN 1043 THEN CASE WHEN typmod > 4 THEN 'character varying(' || (typmod - 4) || ')' ELSE 'character varying' END
       WHEN 1042 THEN CASE WHEN typmod > 4 THEN 'character(' || (typmod - 4) || ')' ELSE 'character' END
       WHEN 1700 THEN CASE WHEN typmod > 4 THEN 'numeric(' || ((typmod - 4) // 65536) || ',' || ((typmod - 4) % 65536) || ')' ELSE 'numeric' END
       ELSE 'text' END`,
    `CREATE OR REPLACE MACRO sparkify_pg.pg_get_userbyid(id) AS ${quoteString(masterUser)}`,
    `CREATE OR REPLACE MACRO sparkify_pg.pg_table_is_visible(id) AS id IN (SELECT c.oid FROM sparkify_pg.pg_class c JOIN sparkify_pg.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')`,
    `CREATE OR REPLACE MACRO sparkify_pg.pg_get_expr(e, r) AS e`,
    `CREATE OR REPLACE MACRO sparkify_pg.pg_get_expr(e, r, p) AS e`,
    `CREATE OR REPLACE MACRO sparkify_pg.obj_description(o, c) AS CAST(NULL AS VARCHAR)`,
    `CREATE OR REPLACE MACRO sparkify_pg.col_description(o, n) AS CAST(NULL AS VARCHAR)`,
    `CREATE OR REPLACE MACRO sparkify_pg.array_to_string(a, s) AS CAST(NULL AS VARCHAR)`,
    // Redshift's PG_TABLE_DEF: one row per column of the tables in the search path (here: public).
    `CREATE OR REPLACE VIEW main.pg_table_def AS
       SELECT k.schema_name AS schemaname, k.table_name AS tablename, k.column_name AS "column", k.redshift_type AS type,
              coalesce(lower(k.encode), 'none') AS encoding, k.distkey IS NOT NULL AND k.distkey = k.column_name AS distkey,
              coalesce(list_position(string_split(coalesce(k.sortkeys, ''), ','), k.column_name), 0) AS sortkey,
              coalesce(NOT c.is_nullable, false) AS notnull
       FROM main.sparkify_table_catalog k
       LEFT JOIN duckdb_columns() c ON c.schema_name = k.schema_name AND c.table_name = k.table_name AND c.column_name = k.column_name
       WHERE k.schema_name = 'public'
       ORDER BY k.schema_name, k.table_name, k.ordinal`,
  ];
}

/** Names under pg_catalog. that are served from sparkify_pg (the rest keep DuckDB's pg_catalog). */
export const CATALOG_NAMES = new Set([
  'pg_namespace', 'pg_class', 'pg_collation', 'pg_attribute', 'pg_type', 'pg_attrdef', 'pg_index', 'pg_constraint', 'pg_inherits', 'pg_trigger',
  'pg_rewrite', 'pg_policy', 'pg_statistic_ext', 'pg_publication', 'pg_foreign_table', 'pg_am', 'format_type', 'pg_get_userbyid',
  'pg_table_is_visible', 'pg_get_expr', 'obj_description', 'col_description', 'array_to_string',
]);

const word = (text: string): Token => ({ kind: 'word', text });

/** Casts to PostgreSQL's catalog types, as DuckDB types: `x::pg_catalog.regtype::pg_catalog.text`. */
const CAST_TYPES: Record<string, string> = { regtype: 'VARCHAR', regclass: 'VARCHAR', regproc: 'VARCHAR', text: 'VARCHAR', name: 'VARCHAR', oid: 'BIGINT', int2: 'SMALLINT', int4: 'INTEGER', int8: 'BIGINT', bool: 'BOOLEAN', char: 'VARCHAR' };

/**
 * The DuckDB SQL to run instead of a catalog query (one that names pg_catalog.<relation or function>),
 * or undefined for an ordinary statement. psql's own syntax is rewritten on the way:
 * `OPERATOR(pg_catalog.~)` → `~` and `COLLATE pg_catalog.default` → nothing.
 */
export function routeCatalogQuery(sql: string): string | undefined {
  const tokens = tokenize(sql);
  if (!significant(tokens).some((t) => isWord(t, 'PG_CATALOG'))) return undefined;
  const out: Token[] = [];
  let touched = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // OPERATOR ( pg_catalog . ~ )  →  ~
    if (isWord(t, 'OPERATOR') && tokens[i + 1]?.text === '(' && isWord(tokens[i + 2], 'PG_CATALOG') && tokens[i + 3]?.text === '.') {
      const close = tokens.findIndex((x, k) => k > i + 3 && x.text === ')');
      if (close > 0) {
        out.push({ kind: 'punct', text: joinTokens(tokens.slice(i + 4, close)) });
        i = close;
        touched = true;
        continue;
      }
    }
    // COLLATE pg_catalog . default  →  (nothing)
    if (isWord(t, 'COLLATE') && tokens[i + 1]?.kind === 'space' && isWord(tokens[i + 2], 'PG_CATALOG') && tokens[i + 3]?.text === '.') {
      i += 4;
      touched = true;
      continue;
    }
    const castType = CAST_TYPES[tokens[i + 2]?.text.toLowerCase() ?? ''];
    if (isWord(t, 'PG_CATALOG') && tokens[i + 1]?.text === '.' && out.at(-1)?.text === '::' && castType) {
      out.push(word(castType));
      i += 2;
      touched = true;
      continue;
    }
    if (isWord(t, 'PG_CATALOG') && tokens[i + 1]?.text === '.' && CATALOG_NAMES.has(tokens[i + 2]?.text.toLowerCase() ?? '')) {
      out.push(word('sparkify_pg'));
      touched = true;
      continue;
    }
    out.push(t);
  }
  return touched ? joinTokens(out) : undefined;
}
