import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterIfMissing, waitForClusterStatus } from '../../src/services/cluster.js';
import { createSqlRunner, SqlError, type SqlRunner } from '../../src/services/data-api.js';
import { UserError } from '../../src/services/errors.js';
import { createRoleIfMissing } from '../../src/services/iam-role.js';
import { systemClock } from '../../src/services/clock.js';
import { recordEvents, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

let fx: EmulatorFixture;
let sql: SqlRunner;
const target = { clusterIdentifier: 'sparkify-dwh', database: 'sparkify', dbUser: 'sparkify_admin' };

beforeAll(async () => {
  fx = await startEmulatorFixture();
  const { arn: roleArn } = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend'], emit: () => {} });
  await createClusterIfMissing(fx.clients.redshift, {
    clusterIdentifier: target.clusterIdentifier,
    clusterType: 'single-node',
    numNodes: 1,
    nodeType: 'ra3.large',
    dbName: target.database,
    masterUsername: target.dbUser,
    port: 5439,
    iamRoleArn: roleArn,
    emit: () => {},
  });
  await waitForClusterStatus(fx.clients.redshift, target.clusterIdentifier, 'available', { emit: () => {}, pollMs: 10 });
  sql = createSqlRunner(fx.clients.redshiftData, target);
  await sql.execute('CREATE TABLE digits (d INTEGER NOT NULL)', { label: 'create digits' });
  await sql.execute('INSERT INTO digits VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)', { label: 'fill digits' });
});
afterAll(async () => fx?.close());

describe('execute', () => {
  it('returns typed values as row objects keyed by column name', async () => {
    const result = await sql.execute(
      `SELECT CAST(42 AS BIGINT) AS answer, CAST(1.5 AS DOUBLE PRECISION) AS ratio, 'Sparkify' AS name,
              CAST(NULL AS VARCHAR) AS nothing, TRUE AS yes, CAST(12.34 AS DECIMAL(10,2)) AS price`,
      { label: 'typed values' },
    );
    expect(result.columns).toEqual(['answer', 'ratio', 'name', 'nothing', 'yes', 'price']);
    expect(result.rows).toEqual([{ answer: 42, ratio: 1.5, name: 'Sparkify', nothing: null, yes: true, price: '12.34' }]);
    expect(result.rowCount).toBe(1);
    expect(result.label).toBe('typed values');
    expect(result.id).toMatch(/[0-9a-f-]{36}/);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('reports rows affected by DML', async () => {
    await sql.execute('CREATE TABLE counted (n INTEGER)');
    const insert = await sql.execute('INSERT INTO counted SELECT d FROM digits WHERE d < 4', { label: 'insert counted' });
    expect(insert.rows).toEqual([]);
    expect(insert.rowCount).toBe(4);
  });

  it('fetches every page of a large result', async () => {
    const result = await sql.execute(
      `SELECT a.d * 1000 + b.d * 100 + c.d * 10 + e.d AS n
         FROM digits a CROSS JOIN digits b CROSS JOIN digits c CROSS JOIN digits e
        WHERE a.d * 1000 + b.d * 100 + c.d * 10 + e.d < 2500
        ORDER BY n`,
      { label: 'many rows' },
    );
    expect(result.rowCount).toBe(2500);
    expect(result.rows[0]).toEqual({ n: 0 });
    expect(result.rows[2499]).toEqual({ n: 2499 });
    const pages = fx.requests.filter((r) => r.operation === 'GetStatementResult' && String(r.params.Id) === result.id);
    expect(pages.length).toBe(3);
  });

  it('throws a SqlError with label, SQL and Redshift\'s message when the statement fails', async () => {
    const attempt = sql.execute('  SELECT * FROM no_such_table  ', { label: 'read missing table' });
    await expect(attempt).rejects.toBeInstanceOf(SqlError);
    const error = (await attempt.catch((e: unknown) => e)) as SqlError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.label).toBe('read missing table');
    expect(error.sql).toBe('SELECT * FROM no_such_table');
    expect(error.status).toBe('FAILED');
    expect(error.redshiftMessage).toMatch(/no_such_table/);
    expect(error.message).toBe(`read missing table failed: ${error.redshiftMessage}`);
    expect(error.hint).toContain('SELECT * FROM no_such_table');
  });

  it('polls with a short backoff so a quick statement costs few DescribeStatement calls', async () => {
    // One DescribeStatement per wait, and the waits follow the backoff from 25 ms: a statement that
    // ends in a few ms is seen after one or two polls. (Counted from the waits, not the wall clock,
    // which a loaded machine stretches.)
    const waits: number[] = [];
    const recording = { now: systemClock.now, sleep: (ms: number, signal?: AbortSignal) => (waits.push(ms), systemClock.sleep(ms, signal)) };
    const quick = createSqlRunner(fx.clients.redshiftData, { ...target, clock: recording });
    const before = fx.requests.filter((r) => r.operation === 'DescribeStatement').length;
    await quick.execute('SELECT 1 AS one', { label: 'quick' });
    const polls = fx.requests.filter((r) => r.operation === 'DescribeStatement').length - before;
    expect(polls).toBe(waits.length + 1);
    expect(waits).toEqual([25, 40, 64, 102, 163, 261, 418, 500, 500, 500].slice(0, waits.length));
  });

  it('emits statement events when given an emit', async () => {
    const { emit, events } = recordEvents();
    const runner = createSqlRunner(fx.clients.redshiftData, { ...target, emit });
    await runner.execute('SELECT d FROM digits', { label: 'digits' });
    await runner.execute('SELECT nope FROM digits', { label: 'bad column' }).catch(() => {});
    expect(events.map((e) => (e.type === 'statement' ? `${e.label}:${e.status}` : e.type))).toEqual([
      'digits:running',
      'digits:done',
      'bad column:running',
      'bad column:failed',
    ]);
    const failed = events.at(-1) as Extract<(typeof events)[number], { type: 'statement' }>;
    expect(failed.error).toMatch(/nope/);
  });
});

describe('start, describe, waitFor, fetchAll', () => {
  it('returns the id at once and lets the caller follow the statement', async () => {
    const id = await sql.start('SELECT COUNT(*) AS n FROM digits', { label: 'count digits' });
    expect(typeof id).toBe('string');
    const finished = await sql.waitFor(id);
    expect(finished.Status).toBe('FINISHED');
    expect((await sql.describe(id)).HasResultSet).toBe(true);
    const { rows, columns, totalRows } = await sql.fetchAll(id);
    expect(columns).toEqual(['n']);
    expect(rows).toEqual([{ n: 10 }]);
    expect(totalRows).toBe(1);
  });
});

describe('executeBatch', () => {
  it('runs the statements in order in one transaction', async () => {
    const result = await sql.executeBatch(['CREATE TABLE batch_ok (n INTEGER)', 'INSERT INTO batch_ok VALUES (1),(2)', 'INSERT INTO batch_ok SELECT n + 10 FROM batch_ok'], {
      label: 'batch ok',
    });
    expect(result.statements).toHaveLength(3);
    expect(result.statements[0].id).toBe(`${result.id}:1`);
    expect(result.statements[1].rowCount).toBe(2);
    expect((await sql.execute('SELECT COUNT(*) AS n FROM batch_ok')).rows).toEqual([{ n: 4 }]);
  });

  it('names the failing statement and rolls back the whole batch', async () => {
    await sql.execute('CREATE TABLE batch_tx (n INTEGER NOT NULL)');
    const attempt = sql.executeBatch(['INSERT INTO batch_tx VALUES (1)', 'INSERT INTO batch_tx VALUES (NULL)', 'INSERT INTO batch_tx VALUES (3)'], { label: 'insert batch_tx' });
    const error = (await attempt.catch((e: unknown) => e)) as SqlError;
    expect(error).toBeInstanceOf(SqlError);
    expect(error.label).toBe('insert batch_tx (statement 2 of 3)');
    expect(error.sql).toBe('INSERT INTO batch_tx VALUES (NULL)');
    expect(error.redshiftMessage).toMatch(/null/i);
    expect((await sql.execute('SELECT COUNT(*) AS n FROM batch_tx')).rows).toEqual([{ n: 0 }]);
  });
});

describe('limits', () => {
  it('refuses a statement over the Data API\'s 100 KB before sending it', async () => {
    const big = `SELECT '${'x'.repeat(101 * 1024)}' AS big`;
    await expect(sql.execute(big, { label: 'too big' })).rejects.toThrow(/too big: the statement is \d+ bytes; the Redshift Data API accepts at most 100 KB/);
  });
});
