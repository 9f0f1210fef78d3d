// Ctrl-C in the wizard or the CLI aborts the running step: the ETL stops where it is (statements
// in flight are cancelled through the Data API), and nothing after the abort runs.
import { afterEach, describe, expect, it } from 'vitest';
import { readState } from '../../src/services/state-file.js';
import type { ProgressEvent } from '../../src/workflow/events.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openWarehouseWithTables, type Workspace } from '../helpers/workspace.js';

describe('an ETL aborted while the star tables are inserted', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  afterEach(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('stops there: no checks run, and the state does not claim the ETL completed', async () => {
    ws = createWorkspace();
    warehouse = await openWarehouseWithTables(ws);
    const abort = new AbortController();
    const events: ProgressEvent[] = [];
    const emit = (e: ProgressEvent) => {
      events.push(e);
      if (e.type === 'step' && e.step === 'insert' && e.status === 'running') abort.abort(new Error('Interrupted.'));
    };
    await expect(warehouse.runEtl(emit, abort.signal)).rejects.toThrow('Interrupted.');
    expect(events.some((e) => e.type === 'check')).toBe(false);
    expect(events.some((e) => e.type === 'table.counts')).toBe(false);
    const state = await readState(ws.stateDir);
    expect(state.etl?.checks).toBeUndefined();
    expect(state.etl?.star).toBeUndefined();
  });

  it('leaves the warehouse able to run the ETL again to the exact counts', async () => {
    ws = createWorkspace();
    warehouse = await openWarehouseWithTables(ws);
    const abort = new AbortController();
    await warehouse.runEtl((e) => {
      if (e.type === 'step' && e.step === 'insert' && e.status === 'running') abort.abort(new Error('Interrupted.'));
    }, abort.signal).catch(() => undefined);
    const again = await warehouse.runEtl(() => {});
    expect(again.ok).toBe(true);
    expect(again.counts.songplays).toBe(6820);
    expect(again.counts.users).toBe(96);
  });
});
