// --verbose: one stderr line per AWS request (service, operation, its input with secrets filtered
// by the SDK and by redact) and per SQL statement, so an operator sees exactly what was sent.
import { setRequestLogger } from '../services/clients.js';
import { redactText } from '../services/redact.js';

interface SdkCallLog {
  clientName?: string;
  commandName?: string;
  input?: Record<string, unknown>;
  error?: unknown;
  metadata?: { httpStatusCode?: number; attempts?: number; totalRetryDelay?: number };
}

const MAX_INPUT = 2000;

export function describeCall(entry: SdkCallLog, failed = false): string | undefined {
  if (!entry || typeof entry !== 'object' || !entry.commandName) return undefined;
  const service = (entry.clientName ?? '').replace(/Client$/, '');
  const { Sql, ...rest } = entry.input ?? {};
  const params = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  const status = entry.metadata?.httpStatusCode ? ` → ${entry.metadata.httpStatusCode}` : failed ? ' → failed' : '';
  const attempts = entry.metadata?.attempts && entry.metadata.attempts > 1 ? ` after ${entry.metadata.attempts} attempts` : '';
  const sql = typeof Sql === 'string' ? `\n    ${Sql.trim().replace(/\n/g, '\n    ')}` : '';
  const line = `» ${service} ${entry.commandName.replace(/Command$/, "")}${params}${status}${attempts}${sql}`;
  return redactText(line.length > MAX_INPUT ? `${line.slice(0, MAX_INPUT)}…` : line);
}

export function installRequestLog(write: (text: string) => void = (t) => process.stderr.write(t)): void {
  const log = (failed: boolean) => (...content: unknown[]) => {
    const line = describeCall(content[0] as SdkCallLog, failed);
    if (line) write(line + '\n');
  };
  setRequestLogger({ debug: () => {}, info: log(false), warn: () => {}, error: log(true) });
}
