// How a COPY plans its reads: the batches (a handful, so progress moves), which JSON key feeds which
// column when the fast typed reader can be used, the JSONPaths otherwise, and the file DuckDB names
// when it cannot parse one.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CopyCommand } from './copy-command.js';
import type { ColumnPaths, TargetColumn } from './copy-conversion.js';
import type { SourceFile } from './copy-sources.js';

/** A handful of batches (progress moves after each), none too large for the memory cap. */
const MAX_BATCHES = 8;
const MIN_BATCH_BYTES = 16 * 1024 * 1024;
const MIN_BATCH_FILES = 5000;
/** Files at least this large (on average) are read twice (count, insert) rather than staged once. */
export const DIRECT_MIN_FILE_BYTES = 64 * 1024;
/** Files up to this size are joined into one stage file for DuckDB (read whole into memory, so bounded). */
export const JOIN_MAX_FILE_BYTES = 1024 * 1024;

export function batches(files: SourceFile[]): SourceFile[][] {
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  const count = Math.max(1, Math.min(MAX_BATCHES, files.length, Math.max(Math.ceil(totalBytes / MIN_BATCH_BYTES), Math.ceil(files.length / MIN_BATCH_FILES))));
  const bytesPer = totalBytes / count;
  const filesPer = files.length / count;
  const out: SourceFile[][] = [];
  let current: SourceFile[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && out.length < count - 1 && (bytes + f.bytes > bytesPer || current.length >= filesPer)) { out.push(current); current = []; bytes = 0; }
    current.push(f);
    bytes += f.bytes;
  }
  if (current.length) out.push(current);
  return out;
}

/** The JSON key feeding each column when every one is a plain top-level member; else undefined (JSONPath extraction). */
export function topLevelKeys(cmd: CopyCommand, columns: TargetColumn[], jsonPaths?: string[]): string[][] | undefined {
  if (jsonPaths) {
    const keys = jsonPaths.map((p) => /^\$\."([^"\\]*)"$/.exec(p)?.[1]);
    return keys.every((k) => k !== undefined) ? keys.map((k) => [k!]) : undefined;
  }
  return cmd.json.toLowerCase() === 'auto' ? columns.map((c) => [c.name]) : undefined;
}

export async function columnPaths(conn: DuckDBConnection, cmd: CopyCommand, columns: TargetColumn[], from: string, jsonPaths?: string[]): Promise<ColumnPaths> {
  if (jsonPaths) return jsonPaths.map((p) => [p]);
  if (cmd.json.toLowerCase() !== 'auto ignorecase') return columns.map((c) => [`$."${c.name.replace(/"/g, '\\"')}"`]);
  const keys = (await conn.runAndReadAll(`SELECT DISTINCT unnest(json_keys(json)) FROM ${from} WHERE json IS NOT NULL`)).getRows().map((r) => String(r[0]));
  return columns.map((c) => keys.filter((k) => k.toLowerCase() === c.name.toLowerCase()).map((k) => `$."${k.replace(/"/g, '\\"')}"`));
}

/** DuckDB's reader names the file it could not parse; that file goes the detailed way. */
export const unreadableFile = (err: unknown): string | undefined => /in file "(.*?)"/.exec((err as Error).message ?? '')?.[1];
