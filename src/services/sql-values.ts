// Redshift Data API result fields → plain JS values, rows keyed by column name.
import type { ColumnMetadata, Field } from '@aws-sdk/client-redshift-data';

/** DECIMAL, dates and times arrive as strings (exactness); blobs as bytes. */
export type SqlValue = string | number | boolean | null | Uint8Array;
export type SqlRow = Record<string, SqlValue>;

export function fieldToValue(field: Field): SqlValue {
  if (field.isNull) return null;
  if (field.longValue !== undefined) return field.longValue;
  // The SDK turns the wire's "NaN"/"Infinity"/"-Infinity" into numbers; a raw string is read the same way.
  if (field.doubleValue !== undefined && field.doubleValue !== null) return Number(field.doubleValue);
  if (field.booleanValue !== undefined) return field.booleanValue;
  if (field.stringValue !== undefined) return field.stringValue;
  if (field.blobValue !== undefined) return field.blobValue;
  // A field type newer than this SDK: say so rather than silently inventing a value.
  throw new Error(`Unknown Redshift Data API field: ${JSON.stringify(field)}`);
}

export function recordsToRows(records: Field[][], columns: ColumnMetadata[]): SqlRow[] {
  const names = columnNames(columns);
  return records.map((record) => {
    const row: SqlRow = {};
    record.forEach((field, i) => {
      row[names[i] ?? `column${i + 1}`] = fieldToValue(field);
    });
    return row;
  });
}

export function columnNames(columns: ColumnMetadata[]): string[] {
  return columns.map((c, i) => c.name ?? c.label ?? `column${i + 1}`);
}
