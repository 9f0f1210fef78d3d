// DuckDB values → Redshift Data's typed fields and column metadata (Redshift type names).
import type { ResultColumn } from '../engine/engine-session.js';

export type Field =
  | { isNull: true }
  | { longValue: number }
  /** awsJson1_1 sends a non-finite double as the JSON string "NaN", "Infinity" or "-Infinity" (JSON has no such numbers). */
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' }
  | { stringValue: string }
  | { booleanValue: boolean }
  | { blobValue: string };

interface TypeInfo { typeName: string; kind: 'long' | 'double' | 'string' | 'boolean' | 'blob'; precision: number; scale: number; signed: boolean }

export function redshiftTypeInfo(duckType: string): TypeInfo {
  const t = duckType.toUpperCase();
  const dec = t.match(/^DECIMAL\((\d+),(\d+)\)$/);
  if (dec) return { typeName: 'numeric', kind: 'string', precision: Number(dec[1]), scale: Number(dec[2]), signed: true };
  const table: Record<string, TypeInfo> = {
    TINYINT: { typeName: 'int2', kind: 'long', precision: 5, scale: 0, signed: true },
    SMALLINT: { typeName: 'int2', kind: 'long', precision: 5, scale: 0, signed: true },
    INTEGER: { typeName: 'int4', kind: 'long', precision: 10, scale: 0, signed: true },
    BIGINT: { typeName: 'int8', kind: 'long', precision: 19, scale: 0, signed: true },
    // DuckDB sums integers into HUGEINT; Redshift's SUM of int2/int4 (and COUNT) is int8, a longValue.
    HUGEINT: { typeName: 'int8', kind: 'long', precision: 19, scale: 0, signed: true },
    UBIGINT: { typeName: 'numeric', kind: 'long', precision: 20, scale: 0, signed: false },
    UINTEGER: { typeName: 'int8', kind: 'long', precision: 10, scale: 0, signed: false },
    USMALLINT: { typeName: 'int4', kind: 'long', precision: 5, scale: 0, signed: false },
    UTINYINT: { typeName: 'int2', kind: 'long', precision: 3, scale: 0, signed: false },
    FLOAT: { typeName: 'float4', kind: 'double', precision: 8, scale: 8, signed: true },
    DOUBLE: { typeName: 'float8', kind: 'double', precision: 17, scale: 17, signed: true },
    BOOLEAN: { typeName: 'bool', kind: 'boolean', precision: 1, scale: 0, signed: false },
    DATE: { typeName: 'date', kind: 'string', precision: 13, scale: 0, signed: false },
    TIMESTAMP: { typeName: 'timestamp', kind: 'string', precision: 29, scale: 6, signed: false },
    'TIMESTAMP WITH TIME ZONE': { typeName: 'timestamptz', kind: 'string', precision: 35, scale: 6, signed: false },
    TIME: { typeName: 'time', kind: 'string', precision: 15, scale: 6, signed: false },
    BLOB: { typeName: 'varbyte', kind: 'blob', precision: 0, scale: 0, signed: false },
  };
  return table[t] ?? { typeName: 'varchar', kind: 'string', precision: 65535, scale: 0, signed: false };
}

export function toField(value: unknown, info: TypeInfo): Field {
  if (value === null || value === undefined) return { isNull: true };
  switch (info.kind) {
    case 'long': return { longValue: Number(value) };
    case 'double': {
      const n = Number(value);
      return { doubleValue: Number.isFinite(n) ? n : (String(n) as 'NaN' | 'Infinity' | '-Infinity') };
    }
    case 'boolean': return { booleanValue: Boolean(value) };
    case 'blob': return { blobValue: Buffer.from(String(value), 'binary').toString('base64') };
    default: return { stringValue: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

export function columnMetadata(col: ResultColumn): Record<string, unknown> {
  const info = redshiftTypeInfo(col.duckType);
  return {
    name: col.name, label: col.name, typeName: info.typeName, nullable: 1, isCaseSensitive: info.typeName === 'varchar',
    isCurrency: false, isSigned: info.signed, length: 0, precision: info.precision, scale: info.scale,
    schemaName: '', tableName: '',
  };
}
