// Each measured load runs in its own Node process, so its peak RSS (process.resourceUsage().maxRSS,
// which includes DuckDB's native memory) belongs to that load alone. Children print one JSON line.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stopLocalService } from '../src/emulator/service/local-service.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

export interface ChildResult<T> {
  result: T;
  wallMs: number;
}

export function runChild<T>(script: string, args: string[]): Promise<ChildResult<T>> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(PROJECT_ROOT, script), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return fail(new Error(`${script} exited with ${code}: ${last}`));
      try {
        done({ result: JSON.parse(last) as T, wallMs: Date.now() - started });
      } catch {
        fail(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** What every child reports about itself. */
export interface ChildCost {
  /** Peak resident set size of the child process, bytes. */
  maxRssBytes: number;
}

export const peakRssBytes = (): number => process.resourceUsage().maxRSS * 1024;

/** A dwh.cfg in `dir` like the committed one, reading `dataDir` as S3 and keeping state in `dir`. */
export function writeBenchConfig(dataDir: string, dir: string): string {
  const path = join(dir, 'dwh.cfg');
  writeFileSync(path, readFileSync(join(PROJECT_ROOT, 'dwh.cfg'), 'utf8')
    .replace(/^S3_ROOT\s*=.*$/m, `S3_ROOT = ${dataDir}`)
    .replace(/^STATE_DIR\s*=.*$/m, `STATE_DIR = ${join(dir, 'state')}`)
    .replace(/^CLUSTER_CREATE_SECONDS\s*=.*$/m, 'CLUSTER_CREATE_SECONDS = 0'));
  return path;
}

/**
 * Stops the local service a child's config started, then removes the child's folder: a service left
 * running would checkpoint its load into a deleted file while the next measurement runs.
 */
export async function removeBenchFolder(dir: string): Promise<void> {
  await stopLocalService(join(dir, 'state')).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
