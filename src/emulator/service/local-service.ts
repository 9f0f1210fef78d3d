// Start, discovery and stop of the local service: one emulator per STATE_DIR, shared by every
// sparkify process (wizard, CLI, `sparkify emulator`), in a detached process that outlives the one
// that started it. A dead, silent or foreign service is replaced at once, never waited on; two
// processes starting at once end with one service (the O_EXCL start lock).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorDelays } from '../contracts.js';
import { HEALTH_PATH, SECRET_HEADER } from './service-gate.js';
import { ensureServiceDir, logPath, processAlive, readRecord, tryLock, unlock, type ServiceRecord } from './service-files.js';
import type { ServiceOptions } from './service-server.js';

export type { ServiceRecord } from './service-files.js';

export interface LocalServiceOptions {
  stateDir: string;
  s3Root: string;
  region: string;
  delays?: Partial<EmulatorDelays>;
  /** Stop after this long without a request or an open client (default 30 minutes). */
  idleMs?: number;
  /** How long to wait for a new service (or another process's start) to answer (default 30 s). */
  startTimeoutMs?: number;
}

export interface LocalService {
  record: ServiceRecord;
  endpoint: string;
  /** Present on every request (the SDK clients use it as their access key id). */
  secret: string;
}

export const DEFAULT_IDLE_MS = 30 * 60_000;
/**
 * bin/sparkify-service.js, found by walking up from this module: it sits three folders deep in src/
 * but two in the bundle (dist/chunks/), so no fixed relative path serves both.
 */
function serviceEntry(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const entry = join(dir, 'bin', 'sparkify-service.js');
    if (existsSync(entry)) return entry;
    if (dirname(dir) === dir) throw new Error(`bin/sparkify-service.js not found above ${fileURLToPath(import.meta.url)}`);
  }
}

const SERVICE_ENTRY = serviceEntry();

export class LocalServiceError extends Error {}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The health probe, with the secret: what the service says about itself, or undefined if it does not answer as ours. */
export async function probe(record: ServiceRecord, timeoutMs = 2_000, method: 'GET' | 'DELETE' = 'GET'): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${record.port}${HEALTH_PATH}`, {
      method,
      headers: { [SECRET_HEADER]: record.secret },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as Record<string, unknown>;
    return body.pid === record.pid ? body : undefined;
  } catch {
    return undefined;
  }
}

/** The running service of this STATE_DIR, if its record names a live process that answers with the secret. */
export async function findLocalService(stateDir: string): Promise<LocalService | undefined> {
  const record = readRecord(stateDir);
  if (!record || !processAlive(record.pid)) return undefined;
  if (!(await probe(record))) return undefined;
  return { record, endpoint: `http://127.0.0.1:${record.port}`, secret: record.secret };
}

/** The STATE_DIR's service, started in the background when none (or only a stale one) is there. */
export async function ensureLocalService(options: LocalServiceOptions): Promise<LocalService> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    const found = await findLocalService(options.stateDir);
    if (found) return checkCompatible(found, options);
    if (tryLock(options.stateDir)) {
      try {
        // Someone may have finished starting one between our look and the lock.
        const again = await findLocalService(options.stateDir);
        if (again) return checkCompatible(again, options);
        return await startService(options, deadline);
      } finally {
        unlock(options.stateDir);
      }
    }
    await sleep(100); // another process holds the start lock: its service is moments away
  }
  throw new LocalServiceError(`The local service for ${options.stateDir} did not start within ${Math.round((options.startTimeoutMs ?? 30_000) / 1000)} s; see ${logPath(options.stateDir)}.`);
}

function checkCompatible(service: LocalService, options: LocalServiceOptions): LocalService {
  if (service.record.s3Root !== options.s3Root) {
    throw new LocalServiceError(
      `The local service for ${options.stateDir} serves S3_ROOT ${service.record.s3Root}, but this configuration says ${options.s3Root}. ` +
        'Stop it with `sparkify emulator stop` (it restarts with this configuration), or use a different STATE_DIR.',
    );
  }
  return service;
}

/**
 * A service whose process lives but does not answer (hung, or stopped) still holds the cluster
 * databases; it is killed, not waited for. Only a process that is provably this STATE_DIR's service
 * (its command line, on Linux) is touched: a recycled pid belongs to someone else.
 */
function killHungService(stateDir: string): void {
  const stale = readRecord(stateDir);
  if (!stale || stale.pid === process.pid || !processAlive(stale.pid)) return;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${stale.pid}/cmdline`, 'utf8');
  } catch {
    return; // no /proc (macOS) or already gone: the new service's record replaces it, and it stops itself
  }
  if (cmdline.includes('sparkify-service.js') && cmdline.includes(JSON.stringify(stateDir))) process.kill(stale.pid, 'SIGKILL');
}

async function startService(options: LocalServiceOptions, deadline: number): Promise<LocalService> {
  ensureServiceDir(options.stateDir);
  killHungService(options.stateDir);
  const serviceOptions: ServiceOptions = {
    stateDir: options.stateDir,
    s3Root: options.s3Root,
    region: options.region,
    delays: options.delays ?? {},
    idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
  };
  const log = openSync(logPath(options.stateDir), 'a', 0o600);
  let exited: number | null | undefined;
  try {
    const child = spawn(process.execPath, [SERVICE_ENTRY, JSON.stringify(serviceOptions)], {
      detached: true,
      stdio: ['ignore', log, log],
      // The service must not inherit a parent's test or debugger hooks; it needs only the basics.
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    child.once('exit', (code) => (exited = code));
    child.unref();
    while (Date.now() < deadline && exited === undefined) {
      const record = readRecord(options.stateDir);
      if (record && record.pid === child.pid && (await probe(record))) {
        return { record, endpoint: `http://127.0.0.1:${record.port}`, secret: record.secret };
      }
      await sleep(50);
    }
  } finally {
    closeSync(log);
  }
  const tail = readFileSync(logPath(options.stateDir), 'utf8').split('\n').slice(-12).join('\n');
  throw new LocalServiceError(
    exited !== undefined
      ? `The local service for ${options.stateDir} exited (code ${exited}) before it answered:\n${tail}`
      : `The local service for ${options.stateDir} did not answer in time; see ${logPath(options.stateDir)}.`,
  );
}

/** Stops the STATE_DIR's service; waits until its process is gone. Returns the record it stopped, if any. */
export async function stopLocalService(stateDir: string, timeoutMs = 15_000): Promise<ServiceRecord | undefined> {
  const found = await findLocalService(stateDir);
  if (!found) return undefined;
  await probe(found.record, 2_000, 'DELETE');
  const deadline = Date.now() + timeoutMs;
  while (processAlive(found.record.pid)) {
    if (Date.now() > deadline) {
      process.kill(found.record.pid, 'SIGKILL'); // it answered with our secret, so the pid is surely the service
      break;
    }
    await sleep(50);
  }
  return found.record;
}
