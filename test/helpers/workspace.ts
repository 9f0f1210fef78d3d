// A throwaway project folder: a dwh.cfg like the committed one, pointing at a temp state folder and
// at an S3 root (the bundled sample, or a copy a test may spoil with bad records).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, type SparkifyConfig } from '../../src/config/index.js';
import { openWarehouse, type Warehouse, type WarehouseOptions } from '../../src/workflow/warehouse.js';
import type { ProgressEvent } from '../../src/workflow/events.js';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
export const SAMPLE_S3_ROOT = join(PROJECT_ROOT, 'data/s3');

export interface Workspace {
  dir: string;
  configPath: string;
  s3Root: string;
  stateDir: string;
  config(): SparkifyConfig;
  remove(): void;
}

export function createWorkspace({ copySample = false, overrides = {} }: { copySample?: boolean; overrides?: Record<string, string> } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-ws-'));
  const s3Root = copySample ? join(dir, 's3') : SAMPLE_S3_ROOT;
  if (copySample) cpSync(SAMPLE_S3_ROOT, s3Root, { recursive: true });
  const stateDir = join(dir, 'state');
  let text = readFileSync(join(PROJECT_ROOT, 'dwh.cfg'), 'utf8')
    .replace(/^S3_ROOT\s*=.*$/m, `S3_ROOT = ${s3Root}`)
    .replace(/^STATE_DIR\s*=.*$/m, `STATE_DIR = ${stateDir}`)
    .replace(/^CLUSTER_CREATE_SECONDS\s*=.*$/m, 'CLUSTER_CREATE_SECONDS = 0');
  for (const [key, value] of Object.entries(overrides)) text = text.replace(new RegExp(`^${key}\\s*=.*$`, 'm'), `${key} = ${value}`);
  const configPath = join(dir, 'dwh.cfg');
  writeFileSync(configPath, text);
  return {
    dir,
    configPath,
    s3Root,
    stateDir,
    config: () => loadConfig(configPath).config,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function openTestWarehouse(ws: Workspace, options: WarehouseOptions = {}): Promise<Warehouse> {
  return openWarehouse(ws.config(), { clusterPollMs: 20, copyPollMs: 20, emulatorDelays: { clusterCreateMs: 0, clusterDeleteMs: 0 }, ...options });
}

/** A warehouse whose role, cluster and (empty) tables exist: the starting point of ETL tests. */
export async function openWarehouseWithTables(ws: Workspace, options: WarehouseOptions = {}): Promise<Warehouse> {
  const warehouse = await openTestWarehouse(ws, options);
  await warehouse.ensureCluster(() => {});
  await warehouse.createTables(() => {});
  return warehouse;
}

export function recordEvents(): { events: ProgressEvent[]; emit: (e: ProgressEvent) => void; of<T extends ProgressEvent['type']>(type: T): Extract<ProgressEvent, { type: T }>[] } {
  const events: ProgressEvent[] = [];
  return {
    events,
    emit: (e) => events.push(e),
    of: (type) => events.filter((e) => e.type === type) as never,
  };
}
