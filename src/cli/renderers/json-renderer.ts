import type { Emit, ProgressEvent } from '../../workflow/events.js';
import { redact } from '../../services/redact.js';

/**
 * The last line of every command's --json output (documented in the README, "The result object").
 * command-specific fields are added after these (cluster, role, tables, counts, checks, …).
 */
export interface CommandResultObject {
  type: 'result';
  command: string;
  ok: boolean;
  exitCode: number;
  dryRun: boolean;
  elapsedMs: number;
  error?: { message: string; hint?: string; kind?: string };
  [field: string]: unknown;
}

const stdoutLine = (l: string) => {
  process.stdout.write(l);
};

/** NDJSON: one event per line on stdout, for scripts and CI. */
export function createJsonRenderer(write: (line: string) => void = stdoutLine): Emit {
  return (event: ProgressEvent) => write(JSON.stringify({ ...redact(event), time: new Date().toISOString() }) + '\n');
}

export function writeResult(result: CommandResultObject, write: (line: string) => void = stdoutLine): void {
  write(JSON.stringify({ ...redact(result), time: new Date().toISOString() }) + '\n');
}
