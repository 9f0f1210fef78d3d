import type { Emit, ProgressEvent } from '../../workflow/events.js';
import { redact } from '../../services/redact.js';

/** NDJSON: one event per line on stdout, for scripts and CI. */
export function createJsonRenderer(write: (line: string) => void = (l) => process.stdout.write(l)): Emit {
  return (event: ProgressEvent) => write(JSON.stringify({ ...redact(event), time: new Date().toISOString() }) + '\n');
}
