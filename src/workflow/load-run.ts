// The state file's record of one ETL run (checked by reconcile.ts): started before the first COPY,
// its stage moved on as the run goes, finished by the last step. A run that fails records its
// error; one interrupted or killed records nothing more. Either way it reads as not done.
import { randomUUID } from 'node:crypto';
import { SqlError } from '../services/data-api.js';
import { UserError } from '../services/errors.js';
import { recordStepResult, updateState, type LoadRecord } from '../services/state-file.js';
import type { EtlSummary } from './types.js';

export class LoadRun {
  readonly id = randomUUID();
  private readonly started = Date.now();
  /** The stage reached: where a failure stopped, so its hint can say what the star tables hold. */
  private reached: LoadRecord['stage'] = 'staging';

  private constructor(private readonly stateDir: string) {}

  /** A new run supersedes the last one's results, so no earlier "checks passed" outlives it. */
  static async start(stateDir: string): Promise<LoadRun> {
    const run = new LoadRun(stateDir);
    await updateState(stateDir, (s) => {
      s.etl = {};
      s.load = { id: run.id, startedAt: new Date(run.started).toISOString(), stage: 'staging' };
    });
    return run;
  }

  private change(edit: (load: LoadRecord) => void): Promise<void> {
    return updateState(this.stateDir, (s) => {
      if (s.load?.id === this.id) edit(s.load);
    }).then(() => undefined);
  }

  reach(stage: 'star' | 'checks'): Promise<void> {
    this.reached = stage;
    return this.change((load) => void (load.stage = stage));
  }

  async finish(summary: EtlSummary): Promise<void> {
    const at = new Date().toISOString();
    const loadId = this.id;
    await updateState(this.stateDir, (s) => {
      s.etl = {
        staging: { ok: true, at, loadId, rows: (summary.counts.staging_events ?? 0) + (summary.counts.staging_songs ?? 0) },
        star: { ok: true, at, loadId, rows: summary.counts.songplays },
        checks: { ok: summary.ok, at, loadId, elapsedMs: summary.elapsedMs, detail: `${summary.checks.filter((c) => c.passed).length}/${summary.checks.length} passed` },
      };
      if (s.load?.id === loadId) s.load = { ...s.load, finishedAt: at, checksOk: summary.ok };
    });
  }

  /** Records the stop and returns the error to throw, with a hint that says what the tables hold. */
  async stop(err: unknown, interrupted: boolean): Promise<unknown> {
    const message = (err as Error).message;
    await recordStepResult(this.stateDir, 'etl', { ok: false, loadId: this.id, elapsedMs: Date.now() - this.started, detail: message }).catch(() => {});
    if (!interrupted) await this.change((load) => void (load.error = message)).catch(() => {});
    return withRerunHint(err, this.reached);
  }
}

/**
 * A failed star insert or check names the statement and shows its SQL; the operator also needs to
 * know what the star tables now hold and that a re-run is safe.
 */
function withRerunHint(err: unknown, reached: LoadRecord['stage']): unknown {
  if (!(err instanceof SqlError)) return err;
  const missingTable = /relation "[^"]+" does not exist/.test(err.message);
  const kept =
    reached === 'checks'
      ? 'The star tables hold the new load, but its quality checks did not finish.'
      : reached === 'star'
        ? 'The five star tables are replaced in one transaction, so all of them still hold the previous load, unchanged (staging holds the new one).'
        : 'The star tables still hold the previous load, unchanged.';
  const error = new UserError(
    `ETL stopped: ${err.message}`,
    missingTable
      ? 'The warehouse tables have not been created: run "sparkify tables" first (or "sparkify run" for every step).'
      : `${kept} Fix the cause, then run "sparkify etl" again: it reloads staging and replaces the star tables, with no duplicates.\n` + (err.hint ?? ''),
  );
  (error as { cause?: unknown }).cause = err;
  return error;
}
