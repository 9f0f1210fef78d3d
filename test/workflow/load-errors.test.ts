// A malformed record in S3: the COPY fails as Redshift's does, stl_load_errors names the file, line
// and reason, the pipeline stops before the star tables, and fixing the file lets a re-run finish.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyFailedError, topLoadErrors } from '../../src/workflow/copy-monitor.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openWarehouseWithTables, recordEvents, type Workspace } from '../helpers/workspace.js';

const LOG_FILE = 'udacity-dend/log_data/2018/11/2018-11-05-events.json';

describe('a malformed log record', () => {
  let ws: Workspace;
  let warehouse: Warehouse;
  let original: string;

  beforeAll(async () => {
    ws = createWorkspace({ copySample: true });
    original = readFileSync(join(ws.s3Root, LOG_FILE), 'utf8');
    warehouse = await openWarehouseWithTables(ws);
  });
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('fails the COPY, shows stl_load_errors and leaves the star tables untouched', async () => {
    const lines = original.trimEnd().split('\n');
    appendFileSync(join(ws.s3Root, LOG_FILE), (original.endsWith('\n') ? '' : '\n') + '{"artist": "Broken", "ts": 15411\n');
    const recorder = recordEvents();
    const failure = await warehouse.runEtl(recorder.emit).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CopyFailedError);
    expect((failure as CopyFailedError).table).toBe('staging_events');
    expect((failure as Error).message).toMatch(/COPY into staging_events .* failed: .*stl_load_errors/i);

    const [loadErrors] = recorder.of('load.errors');
    expect(loadErrors.table).toBe('staging_events');
    expect(loadErrors.errors).toHaveLength(1);
    expect(loadErrors.errors[0].filename).toContain('2018-11-05-events.json');
    expect(loadErrors.errors[0].line).toBe(lines.length + 1);
    expect(loadErrors.errors[0].reason.length).toBeGreaterThan(0);

    // By SYS_LOAD_ERROR_DETAIL's query_id (RedshiftQueryId's id space, not stl_load_errors.query);
    // an id of 0 or -1 is unknown, and then the table's latest load stands for it.
    const [{ query_id: queryId }] = (await warehouse.sql.execute(`SELECT query_id FROM sys_load_history WHERE table_name = 'staging_events' ORDER BY start_time DESC LIMIT 1`, { label: 'q' })).rows;
    const [{ query: stlQuery }] = (await warehouse.sql.execute('SELECT MAX(query) AS query FROM stl_load_errors', { label: 'q' })).rows;
    expect(stlQuery).not.toBe(queryId);
    expect(await topLoadErrors(warehouse.sql, Number(queryId))).toEqual(loadErrors.errors);
    expect(await topLoadErrors(warehouse.sql, Number(stlQuery))).toEqual([]);
    for (const unknown of [0, -1]) expect(await topLoadErrors(warehouse.sql, unknown, 10, 'staging_events')).toEqual(loadErrors.errors);

    expect(recorder.of('insert.done')).toHaveLength(0);
    const counts = await warehouse.query('SELECT (SELECT COUNT(*) FROM staging_events) AS events, (SELECT COUNT(*) FROM songplays) AS plays');
    expect(counts.rows).toEqual([[0, 0]]);
  });

  it('finishes with the exact counts once the file is fixed', async () => {
    writeFileSync(join(ws.s3Root, LOG_FILE), original);
    const summary = await warehouse.runEtl(() => {});
    expect(summary.ok).toBe(true);
    expect(summary.counts.staging_events).toBe(8056);
    expect(summary.counts.songplays).toBe(6820);
  });
});
