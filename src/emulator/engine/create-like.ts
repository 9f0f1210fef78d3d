// CREATE TABLE child (LIKE parent [INCLUDING DEFAULTS]): Redshift copies the parent's columns with
// their types, NOT NULL, encodings, distribution style and sort keys; defaults only when asked.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnDefinition, TableDefinition } from './ddl-rewrite.js';
import { RedshiftSqlError } from './sql-errors.js';

export async function likeColumns(conn: DuckDBConnection, def: TableDefinition, parentSchema: string): Promise<void> {
  const like = def.like!;
  const reader = await conn.runAndReadAll(
    `SELECT c.column_name, c.data_type, NOT c.is_nullable, c.column_default, k.redshift_type, k.max_bytes, k.encode,
            k.diststyle, k.distkey, k.sortkeys, k.sortkey_style
       FROM duckdb_columns() c
       LEFT JOIN main.sparkify_table_catalog k
         ON k.schema_name = c.schema_name AND k.table_name = c.table_name AND k.column_name = c.column_name
      WHERE c.schema_name = $1 AND c.table_name = $2 AND c.database_name = current_database() ORDER BY c.column_index`,
    [parentSchema, like.name],
  );
  const rows = reader.getRowsJson() as (string | number | boolean | null)[][];
  if (rows.length === 0) throw new RedshiftSqlError(`relation "${like.schema ? `${like.schema}.` : ''}${like.name}" does not exist`);
  const own = def.columns;
  const inherited: ColumnDefinition[] = rows.map(([name, duckType, notNull, dflt, redshiftType, maxBytes, encode]) => {
    // A VARCHAR column's CHECK lives on the table, not the type: the byte limit comes from our catalog.
    const col: ColumnDefinition = {
      name: String(name), duckType: String(duckType), redshiftType: String(redshiftType ?? String(duckType).toLowerCase()),
      maxBytes: maxBytes === null ? undefined : Number(maxBytes), notNull: Boolean(notNull),
      encode: encode === null ? undefined : String(encode),
    };
    if (like.includingDefaults && typeof dflt === 'string' && !dflt.startsWith('nextval(')) col.defaultSql = dflt;
    return col;
  });
  def.columns = [...inherited, ...own];
  const [, , , , , , , diststyle, distkey, sortkeys, sortkeyStyle] = rows[0];
  if (def.diststyle === 'AUTO' && !def.distkey && diststyle) {
    def.diststyle = String(diststyle);
    if (distkey) def.distkey = String(distkey);
  }
  if (def.sortkeys.length === 0 && sortkeys) {
    def.sortkeys = String(sortkeys).split(',').filter(Boolean);
    def.sortkeyStyle = sortkeyStyle === 'INTERLEAVED' ? 'INTERLEAVED' : 'COMPOUND';
  }
}
