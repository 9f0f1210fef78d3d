// ListDatabases, ListSchemas, ListTables, DescribeTable — what an explore screen browses. They read
// the cluster's committed catalog synchronously (no statement Id), as the real API does.
import type { DataApiContext } from './context.js';
import { resolveCluster } from './validate.js';
import { columnMetadata } from './result-fields.js';

/** Redshift patterns are LIKE patterns; default matches everything. */
const pattern = (v: unknown): string => (typeof v === 'string' && v ? v : '%');

async function read(ctx: DataApiContext, input: Record<string, unknown>, sql: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  const cluster = resolveCluster(ctx.catalog, input);
  const engine = await ctx.engines.get(cluster);
  return engine.systemRead(sql, values);
}

function page<T>(items: T[], input: Record<string, unknown>): { items: T[]; NextToken?: string } {
  const max = Number(input.MaxResults ?? 1000) || 1000;
  const offset = typeof input.NextToken === 'string' && input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  const next = offset + max;
  return { items: items.slice(offset, next), ...(next < items.length ? { NextToken: Buffer.from(String(next)).toString('base64url') } : {}) };
}

export function listDatabases(ctx: DataApiContext, input: Record<string, unknown>): Record<string, unknown> {
  const cluster = resolveCluster(ctx.catalog, input);
  const { items, NextToken } = page([cluster.dbName], input);
  return { Databases: items, NextToken };
}

export async function listSchemas(ctx: DataApiContext, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const rows = await read(ctx, input,
    `SELECT DISTINCT schema_name FROM duckdb_schemas() WHERE NOT internal AND schema_name NOT IN ('main') AND schema_name LIKE $1 ORDER BY 1`,
    [pattern(input.SchemaPattern)]);
  const names = ['pg_catalog', 'information_schema', ...rows.map((r) => String(r.schema_name))].filter((n, i, a) => a.indexOf(n) === i);
  const { items, NextToken } = page(names.filter((n) => likeMatch(n, pattern(input.SchemaPattern))), input);
  return { Schemas: items, NextToken };
}

export async function listTables(ctx: DataApiContext, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const rows = await read(ctx, input,
    `SELECT table_schema AS schema, table_name AS name, CASE table_type WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END AS type
       FROM information_schema.tables WHERE table_schema NOT IN ('main', 'information_schema', 'pg_catalog')
        AND table_schema LIKE $1 AND table_name LIKE $2 ORDER BY 1, 2`,
    [pattern(input.SchemaPattern), pattern(input.TablePattern)]);
  const { items, NextToken } = page(rows, input);
  return { Tables: items, NextToken };
}

export async function describeTable(ctx: DataApiContext, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const schema = typeof input.Schema === 'string' && input.Schema ? input.Schema : 'public';
  const table = String(input.Table ?? '');
  const rows = await read(ctx, input,
    `SELECT c.column_name, c.data_type, c.is_nullable, c.column_default, k.redshift_type, k.max_bytes
       FROM duckdb_columns() c LEFT JOIN main.sparkify_table_catalog k
         ON k.schema_name = c.schema_name AND k.table_name = c.table_name AND k.column_name = c.column_name
      WHERE c.schema_name = $1 AND c.table_name = $2 ORDER BY c.column_index`,
    [schema, table]);
  const columns = rows.map((r) => ({
    ...columnMetadata({ name: String(r.column_name), duckType: String(r.data_type) }),
    ...(String(r.redshift_type ?? '').startsWith('character varying') ? { typeName: 'varchar' } : {}),
    ...(String(r.redshift_type ?? '').startsWith('character(') ? { typeName: 'bpchar' } : {}),
    length: r.max_bytes === null || r.max_bytes === undefined ? 0 : Number(r.max_bytes),
    nullable: r.is_nullable ? 1 : 0,
    columnDefault: r.column_default ?? undefined,
    schemaName: schema, tableName: table,
  }));
  const { items, NextToken } = page(columns, input);
  return { TableName: table, ColumnList: items, NextToken };
}

function likeMatch(value: string, like: string): boolean {
  const re = new RegExp(`^${like.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`);
  return re.test(value);
}
