// A COPY's stage files, named sparkify-copy-<pid>-… in the cluster's private scratch folder (the one
// place its locked-down engine may write), and the clean-up of files a killed process left behind.
import { createWriteStream, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { readJsonRecords, type RecordProblem } from './copy-records.js';
import type { SourceFile } from './copy-sources.js';


let stageCounter = 0;
export const stagePath = (folder: string, queryId: number, ext: string): string =>
  join(folder, `sparkify-copy-${process.pid}-${queryId}-${++stageCounter}.${ext}`);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes stage files whose process is gone (killed mid-COPY); returns how many. */
export function removeStaleStageFiles(folder = tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    const pid = Number(/^sparkify-copy-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(folder, name), { force: true, recursive: true });
    removed++;
  }
  return removed;
}

export interface DetailedStage {
  path: string;
  /** Per file path: how many records it holds. */
  records: Map<string, number>;
}

/** Raw text kept per record for stl_load_errors.raw_line (Redshift keeps the first 1024 characters). */
const RAW_LINE_CHARS = 1024;

/**
 * Streams the files' records into one NDJSON stage file DuckDB reads back: per record its file,
 * line, the first 1024 characters, and either the record itself (valid JSON, embedded as is) or the
 * problem that makes it unloadable. Returns each file's record count.
 */
export async function writeDetailedStage(files: SourceFile[], path: string, acceptInvChars: string | undefined): Promise<DetailedStage> {
  const out = createWriteStream(path);
  const records = new Map<string, number>();
  let failed: Error | undefined;
  out.on('error', (err) => (failed = err));
  for (const file of files) {
    let n = 0;
    const name = JSON.stringify(file.path);
    for (const r of readJsonRecords(file.path, { acceptInvChars })) {
      n++;
      const head = JSON.stringify(r.text.slice(0, RAW_LINE_CHARS));
      const problem = (p: RecordProblem) => `,"err_code":${p.errCode},"err_reason":${JSON.stringify(p.errReason)}`;
      // Valid JSON has line breaks only between tokens, so they become spaces: one record a line.
      const json = () => `,"json":${r.text.replace(/[\r\n]/g, ' ')}`;
      const line = `{"filename":${name},"line_number":${r.lineNumber},"raw_line":${head}${r.problem ? problem(r.problem) : json()}}\n`;
      if (!out.write(line)) await once(out, 'drain');
      if (failed) throw failed;
    }
    records.set(file.path, n);
  }
  out.end();
  await once(out, 'finish');
  if (failed) throw failed;
  return { path, records };
}
