// Name resolution by the session's search_path, for the statements EngineSession handles itself
// (CREATE/DROP TABLE, COPY, LIKE); DuckDB resolves the rest through its own search_path, kept in step.
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, quoteString } from './sql-tokenizer.js';
import type { SessionSettings } from './session-settings.js';

/** The search_path's schemas that exist, in order (`$user` as the session user's schema). */
export async function existingSchemas(conn: DuckDBConnection, settings: SessionSettings, dbUser: string): Promise<string[]> {
  const r = await conn.runAndReadAll(`SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name <> 'main'`);
  const have = new Set(r.getRows().map(([s]) => String(s)));
  return settings.schemas(dbUser).filter((s) => have.has(s));
}

/** Point DuckDB's search_path at the session's schemas that exist, then `main` for the system tables. */
export async function applySearchPath(conn: DuckDBConnection, settings: SessionSettings, dbUser: string): Promise<void> {
  const existing = await existingSchemas(conn, settings, dbUser);
  await conn.run(`SET search_path = ${quoteString([...existing, 'main'].map((s) => (/[,"]/.test(s) ? quoteIdent(s) : s)).join(','))}`);
}

/** The schema an unqualified name resolves to: the first on the search_path holding it (else the first that exists). */
export async function resolveSchema(conn: DuckDBConnection, settings: SessionSettings, name: string, dbUser: string): Promise<string | undefined> {
  const schemas = await existingSchemas(conn, settings, dbUser);
  for (const schema of schemas) {
    const r = await conn.runAndReadAll(
      `SELECT 1 FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2 AND database_name = current_database()
       UNION ALL SELECT 1 FROM duckdb_views() WHERE schema_name = $1 AND view_name = $2 AND database_name = current_database()`,
      [schema, name],
    );
    if (r.currentRowCount > 0) return schema;
  }
  return schemas[0];
}

export async function isTempTable(conn: DuckDBConnection, name: string): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE database_name = 'temp' AND table_name = $1`, [name]);
  return r.currentRowCount > 0;
}
