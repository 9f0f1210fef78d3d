// The columns a COPY fills, with the Redshift facts (declared byte length, type name) from our catalog.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TargetColumn } from './copy-conversion.js';
import { RedshiftSqlError } from './sql-errors.js';
import { quoteIdent, quoteString } from './sql-tokenizer.js';

export async function targetColumns(conn: DuckDBConnection, schema: string, table: string, columnList?: string[]): Promise<TargetColumn[]> {
  const missing = () => new RedshiftSqlError(`relation "${schema === 'public' ? table : `${schema}.${table}`}" does not exist`);
  // pragma_table_info reads one table's columns; duckdb_columns() would list every column of every
  // table (the system tables' too) to keep a dozen: a third of the time, on every COPY.
  const reader = await conn.runAndReadAll(
    `SELECT t.name, t.type, t."notnull", t.dflt_value, k.redshift_type, k.max_bytes
       FROM pragma_table_info(${quoteString(`${quoteIdent(schema)}.${quoteIdent(table)}`)}) t
       LEFT JOIN main.sparkify_table_catalog k
         ON k.schema_name = $1 AND k.table_name = $2 AND k.column_name = t.name
      ORDER BY t.cid`,
    [schema, table],
  ).catch((err: Error) => {
    if (/Catalog Error/.test(err.message)) throw missing();
    throw err;
  });
  const rows = reader.getRowsJson() as [string, string, boolean, string | null, string | null, number | null][];
  if (rows.length === 0) throw missing();
  const all = rows.map(([name, duckType, notNull, def, redshiftType, maxBytes]) => ({
    column: {
      name, duckType, notNull, redshiftType: redshiftType ?? duckType.toLowerCase(),
      maxBytes: maxBytes === null || maxBytes === undefined ? undefined : Number(maxBytes),
    } as TargetColumn,
    isIdentity: typeof def === 'string' && def.startsWith('nextval('),
  }));
  if (!columnList) return all.filter((c) => !c.isIdentity).map((c) => c.column);
  return columnList.map((name) => {
    const found = all.find((c) => c.column.name === name);
    if (!found) throw new RedshiftSqlError(`column "${name}" of relation "${table}" does not exist`);
    return found.column;
  });
}
