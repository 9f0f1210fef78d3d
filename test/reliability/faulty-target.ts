// A warehouse whose emulator injects faults: the emulator runs in the test process (so the test can
// switch its faults between steps and read what was injected), the warehouse reaches it over HTTP.
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { FaultSpec } from '../../src/emulator/faults/index.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { openTestWarehouse, type Workspace } from '../helpers/workspace.js';

export const EXPECTED_COUNTS = { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 };

export interface FaultyTarget {
  emulator: RunningEmulator;
  warehouse: Warehouse;
  /** The emulator's injected-fault log, as rule texts. */
  injectedRules(): string[];
  close(): Promise<void>;
}

export async function openFaultyTarget(ws: Workspace, faults: FaultSpec | string = []): Promise<FaultyTarget> {
  const emulator = await startEmulator({
    stateDir: ws.stateDir,
    s3Root: ws.s3Root,
    delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0 },
    faults,
  });
  const warehouse = await openTestWarehouse(ws, { emulatorEndpoint: emulator.endpoint });
  return {
    emulator,
    warehouse,
    injectedRules: () => emulator.faults.injected.map((f) => f.rule),
    async close() {
      await warehouse.close();
      await emulator.close();
    },
  };
}

/** Star and staging counts straight from the tables, plus the paid users. */
export async function warehouseCounts(warehouse: Warehouse): Promise<Record<string, number>> {
  const tables = Object.keys(EXPECTED_COUNTS);
  const { rows } = await warehouse.query(tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`).join(' UNION ALL '));
  const counts = Object.fromEntries(rows.map(([t, n]) => [String(t), Number(n)]));
  const paid = await warehouse.query(`SELECT COUNT(*) FROM users WHERE level = 'paid'`);
  return { ...counts, paidUsers: Number(paid.rows[0][0]) };
}

export const EXPECTED_WITH_PAID = { ...EXPECTED_COUNTS, paidUsers: 22 };
