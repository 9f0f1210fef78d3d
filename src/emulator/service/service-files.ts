// The local service's files under <STATE_DIR>/service/ (a folder only the user can read): the
// record a running service publishes (port, pid, secret) and the lock that lets one starter win.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface ServiceRecord {
  pid: number;
  /** The HTTP port of the emulator on 127.0.0.1. */
  port: number;
  /** The PostgreSQL wire endpoint's port on 127.0.0.1, when it has one. */
  pgPort?: number;
  /** Clients present it as their access key id (or the x-sparkify-service-secret header). */
  secret: string;
  stateDir: string;
  s3Root: string;
  region: string;
  idleMs: number;
  startedAt: string;
}

export function serviceDir(stateDir: string): string {
  return join(stateDir, 'service');
}

export const recordPath = (stateDir: string) => join(serviceDir(stateDir), 'service.json');
export const lockPath = (stateDir: string) => join(serviceDir(stateDir), 'service.lock');
export const logPath = (stateDir: string) => join(serviceDir(stateDir), 'service.log');

/** The folder, private to the user (0700) even when it already existed with looser modes. */
export function ensureServiceDir(stateDir: string): string {
  const dir = serviceDir(stateDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function readRecord(stateDir: string): ServiceRecord | undefined {
  try {
    const parsed = JSON.parse(readFileSync(recordPath(stateDir), 'utf8')) as ServiceRecord;
    return typeof parsed.pid === 'number' && typeof parsed.port === 'number' && typeof parsed.secret === 'string' ? parsed : undefined;
  } catch {
    return undefined; // absent, or half-written by a crashed writer: either way there is no usable service
  }
}

/** Written atomically (temp file, rename) with mode 0600: the secret is readable by the user only. */
export function writeRecord(record: ServiceRecord): void {
  const dir = ensureServiceDir(record.stateDir);
  const temp = join(dir, `service.json.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(record, null, 2) + '\n');
  } finally {
    closeSync(fd);
  }
  renameSync(temp, recordPath(record.stateDir));
}

/** Removes the record only if it is still the one this pid wrote (a replacement may have taken over). */
export function removeRecordOf(stateDir: string, pid: number): void {
  if (readRecord(stateDir)?.pid === pid) rmQuiet(recordPath(stateDir));
}

export function rmQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the start lock (O_EXCL create), or returns false when another live process holds it.
 * A lock whose holder died, or that is older than staleMs (a starter that hung), is broken.
 */
export function tryLock(stateDir: string, staleMs = 30_000): boolean {
  ensureServiceDir(stateDir);
  const path = lockPath(stateDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(safeRead(path));
      const age = existsSync(path) ? Date.now() - statSync(path).mtimeMs : 0;
      if (Number.isInteger(holder) && holder > 0 && processAlive(holder) && age < staleMs) return false;
      rmQuiet(path);
    }
  }
  return false;
}

export function unlock(stateDir: string): void {
  if (Number(safeRead(lockPath(stateDir))) === process.pid) rmQuiet(lockPath(stateDir));
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}
