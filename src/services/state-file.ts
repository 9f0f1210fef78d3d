// The tool's memory of what it created (<STATE_DIR>/sparkify-state.json): role, cluster, tables,
// ETL step results. Writes are atomic (temp file + rename) so a crash never leaves half a file;
// updates in one process are serialised so parallel steps cannot lose each other's writes.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from './errors.js';

export const STATE_FILE_NAME = 'sparkify-state.json';

const StepResultSchema = z.object({
  ok: z.boolean(),
  at: z.string(),
  elapsedMs: z.number().optional(),
  detail: z.string().optional(),
  rows: z.number().optional(),
  /** The load this result belongs to (absent in files written before loads had ids). */
  loadId: z.string().optional(),
});

/**
 * One ETL run. `finishedAt` is written by its last step; a load without it was interrupted (or
 * failed, with `error`). The star tables record the id of the load that filled them, so the file
 * and the warehouse can be compared.
 */
const LoadSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  /** The step it reached: a stop there means the star tables still hold the previous load. */
  stage: z.enum(['staging', 'star', 'checks']),
  finishedAt: z.string().optional(),
  checksOk: z.boolean().optional(),
  error: z.string().optional(),
});

const StateSchema = z.object({
  version: z.literal(1),
  target: z.enum(['local', 'aws']).optional(),
  region: z.string().optional(),
  role: z.object({ name: z.string(), arn: z.string(), createdAt: z.string() }).optional(),
  cluster: z
    .object({
      identifier: z.string(),
      createdAt: z.string(),
      endpoint: z.string().optional(),
      availableAt: z.string().optional(),
      /** Redshift's ClusterCreateTime: a same-named cluster created later is another cluster, without these tables. */
      createTime: z.string().optional(),
    })
    .optional(),
  tables: z.object({ names: z.array(z.string()), createdAt: z.string() }).optional(),
  etl: z.record(z.string(), StepResultSchema).optional(),
  load: LoadSchema.optional(),
  updatedAt: z.string().optional(),
});

export type SparkifyState = z.infer<typeof StateSchema>;
export type StepResult = z.infer<typeof StepResultSchema>;
export type LoadRecord = z.infer<typeof LoadSchema>;

export function emptyState(): SparkifyState {
  return { version: 1 };
}

export function stateFilePath(stateDir: string): string {
  return join(stateDir, STATE_FILE_NAME);
}

function corrupt(file: string, why: string): UserError {
  return new UserError(
    `The state file ${file} is unreadable (${why}).`,
    `Fix the JSON by hand, or delete the file: sparkify then forgets what it created, but still recognises its own role and cluster by their sparkify:managed=true tag.`,
  );
}

/** The saved state; an empty state when the file does not exist yet. */
export async function readState(stateDir: string): Promise<SparkifyState> {
  const file = stateFilePath(stateDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw err;
  }
  if (text.trim() === '') return emptyState(); // e.g. a file truncated by a full disk before rename existed
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw corrupt(file, `not valid JSON: ${(err as Error).message}`);
  }
  const parsed = StateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw corrupt(file, `${issue.path.join('.') || 'top level'}: ${issue.message}`);
  }
  return parsed.data;
}

/** Writes the whole state atomically. */
export async function writeState(stateDir: string, state: SparkifyState): Promise<void> {
  const file = stateFilePath(stateDir);
  await mkdir(stateDir, { recursive: true });
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const body = `${JSON.stringify({ ...state, updatedAt: new Date().toISOString() }, null, 2)}\n`;
  try {
    await writeFile(temp, body, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

const pending = new Map<string, Promise<unknown>>();

/**
 * Read-modify-write under a per-file queue. `change` may mutate the state it is given or return a
 * new one.
 */
export function updateState(stateDir: string, change: (state: SparkifyState) => SparkifyState | void): Promise<SparkifyState> {
  const file = stateFilePath(stateDir);
  const previous = pending.get(file) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const state = await readState(stateDir);
      const updated = change(state) ?? state;
      await writeState(stateDir, updated);
      return updated;
    });
  pending.set(file, next);
  void next.finally(() => {
    if (pending.get(file) === next) pending.delete(file);
  }).catch(() => undefined);
  return next;
}

/** Records one ETL step's outcome under its id (e.g. "copy:staging_events"). */
export function recordStepResult(stateDir: string, stepId: string, result: Omit<StepResult, 'at'> & { at?: string }): Promise<SparkifyState> {
  return updateState(stateDir, (state) => {
    state.etl = { ...state.etl, [stepId]: { ...result, at: result.at ?? new Date().toISOString() } };
  });
}

/** Removes the state file (after a full teardown). */
export async function clearState(stateDir: string): Promise<void> {
  await rm(stateFilePath(stateDir), { force: true });
}
