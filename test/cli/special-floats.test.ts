// NaN and ±Infinity in a result: JSON has no such numbers, so the Data API sends them as the strings
// "NaN", "Infinity", "-Infinity" in doubleValue (awsJson1_1; the SDK reads them back as numbers).
// The emulator and the client agree on that, and every output prints the word — no crash.
import { GetStatementResultCommand } from '@aws-sdk/client-redshift-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, openTestWarehouse, type Workspace } from '../helpers/workspace.js';

const SQL = `select 'NaN'::double precision as nan, 'Infinity'::double precision as inf, '-Infinity'::float8 as neg, 'NaN'::real as nan4, 1.5::float8 as finite`;

describe('special floating values in query results', () => {
  let ws: Workspace;
  let warehouse: Warehouse;

  beforeAll(async () => {
    ws = createWorkspace();
    warehouse = await openTestWarehouse(ws);
    await warehouse.ensureCluster(() => {});
  }, 60_000);
  afterAll(async () => {
    await warehouse?.close();
    ws?.remove();
  });

  it('the Data API sends them as doubleValue strings on the wire, which the SDK reads as numbers', async () => {
    const { id } = await warehouse.sql.execute(SQL);
    const result = await warehouse.clients.redshiftData.send(new GetStatementResultCommand({ Id: id }));
    const record = result.Records![0];
    expect(record.map((f) => f.doubleValue)).toEqual([NaN, Infinity, -Infinity, NaN, 1.5]);
    expect(result.ColumnMetadata!.map((c) => c.typeName)).toEqual(['float8', 'float8', 'float8', 'float4', 'float8']);
  });

  it('the query result gives the words, never a crash', async () => {
    expect((await warehouse.query(SQL)).rows).toEqual([['NaN', 'Infinity', '-Infinity', 'NaN', 1.5]]);
  });

  it('`sparkify query` prints them, plain and as NDJSON', async () => {
    await warehouse.close();
    const plain = await runCli(['query', "select 'NaN'::double precision"], { cwd: ws.dir });
    expect(plain.stderr).not.toMatch(/Unknown Redshift Data API field|This is a bug/);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/NaN/);
    const json = await runCli(['query', '--json', SQL], { cwd: ws.dir });
    expect(json.code).toBe(0);
    expect(parseNdjson(json.stdout)[0]).toMatchObject({ type: 'query.result', rows: [['NaN', 'Infinity', '-Infinity', 'NaN', 1.5]] });
  }, 60_000);
});
