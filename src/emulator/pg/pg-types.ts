// DuckDB result types → PostgreSQL type OIDs for RowDescription, and result values → the text
// format every client can read (text is the only result format served; see pg-connection.ts).
const OIDS: [RegExp, number][] = [
  [/^BOOLEAN$/, 16],
  [/^BIGINT$|^UBIGINT$/, 20],
  [/^SMALLINT$|^TINYINT$|^UTINYINT$/, 21],
  [/^INTEGER$|^USMALLINT$/, 23],
  [/^FLOAT$/, 700],
  [/^DOUBLE$/, 701],
  [/^DECIMAL|^HUGEINT$|^UINTEGER$|^UHUGEINT$/, 1700],
  [/^DATE$/, 1082],
  [/^TIME$/, 1083],
  [/^TIMESTAMP$|^TIMESTAMP_/, 1114],
  [/^TIMESTAMP WITH TIME ZONE$/, 1184],
  [/^INTERVAL$/, 1186],
  [/^VARCHAR$/, 1043],
];

export const TEXT_OID = 25;

export function typeOidOf(duckType: string): number {
  for (const [pattern, oid] of OIDS) if (pattern.test(duckType)) return oid;
  return TEXT_OID;
}

export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
