// One load at a time per cluster: `etl` and `tables` take this lock (an O_EXCL file in STATE_DIR),
// and a second one waits for the first with a notice naming it, as the second load's TRUNCATE would
// wait for the first's locks on Redshift. Waiting rather than refusing: the second load then runs
// on its own, ends with the same exact counts, and a person sees why it has not started yet.
// A lock whose process died is taken over at once.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Emit } from './events.js';

export interface LoadLockHolder {
  pid: number;
  what: string;
  cluster: string;
  startedAt: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function loadLockPath(stateDir: string, cluster: string): string {
  return join(stateDir, `load-${cluster}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLoadLock(stateDir: string, cluster: string): LoadLockHolder | undefined {
  try {
    return JSON.parse(readFileSync(loadLockPath(stateDir, cluster), 'utf8')) as LoadLockHolder;
  } catch {
    return undefined;
  }
}

function tryTake(path: string, holder: LoadLockHolder): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, JSON.stringify(holder));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  }
}

/** Takes the cluster's load lock, waiting for a running load; returns the release function. */
export async function acquireLoadLock(
  stateDir: string,
  cluster: string,
  what: string,
  emit: Emit,
  signal?: AbortSignal,
  pollMs = 200,
): Promise<() => void> {
  mkdirSync(stateDir, { recursive: true });
  const path = loadLockPath(stateDir, cluster);
  const mine: LoadLockHolder = { pid: process.pid, what, cluster, startedAt: new Date().toISOString() };
  let announced = false;
  for (;;) {
    signal?.throwIfAborted();
    if (tryTake(path, mine)) break;
    const holder = readLoadLock(stateDir, cluster);
    if (holder && holder.pid === process.pid) {
      // This process already loads (e.g. the wizard's own step): sharing the lock with itself is fine.
      return () => {};
    }
    if (!holder || !alive(holder.pid)) {
      // The holder died, or has created the file but not written it yet: look once more, then break it.
      await sleep(50);
      const again = readLoadLock(stateDir, cluster);
      if (!again || !alive(again.pid)) removeQuietly(path);
      continue;
    }
    if (!announced) {
      announced = true;
      emit({
        type: 'notice',
        level: 'warn',
        message: `Waiting for the running ${holder.what} on cluster ${cluster} (pid ${holder.pid}, started ${holder.startedAt}) to finish; Ctrl-C stops waiting.`,
      });
    }
    await sleep(pollMs);
  }
  if (announced) emit({ type: 'notice', level: 'info', message: `The other load finished; ${what} on cluster ${cluster} starts now.` });
  return () => {
    if (readLoadLock(stateDir, cluster)?.pid === process.pid) removeQuietly(path);
  };
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
