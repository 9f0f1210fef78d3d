// The columns a COPY fills, with the Redshift facts (declared byte length, type name) from our catalog.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TargetColumn } from './copy-conversion.js';
import { RedshiftSqlError } from './sql-errors.js';

export async function targetColumns(conn: DuckDBConnection, schema: string, table: string, columnList?: string[]): Promise<TargetColumn[]> {
  const reader = await conn.runAndReadAll(
    `SELECT c.column_name, c.data_type, NOT c.is_nullable AS not_null, c.column_default, k.redshift_type, k.max_bytes
       FROM duckdb_columns() c
       LEFT JOIN main.sparkify_table_catalog k
         ON k.schema_name = c.schema_name AND k.table_name = c.table_name AND k.column_name = c.column_name
      WHERE c.schema_name = $1 AND c.table_name = $2 ORDER BY c.column_index`,
    [schema, table],
  );
  const rows = reader.getRowsJson() as [string, string, boolean, string | null, string | null, number | null][];
  if (rows.length === 0) throw new RedshiftSqlError(`relation "${schema === 'public' ? table : `${schema}.${table}`}" does not exist`);
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
