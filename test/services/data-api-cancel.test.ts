// Statements that take a while (the emulator holds them in SUBMITTED for statementStartMs):
// abort handling and the ABORTED outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterIfMissing, waitForClusterStatus } from '../../src/services/cluster.js';
import { createSqlRunner, SqlError, type SqlRunner } from '../../src/services/data-api.js';
import { createRoleIfMissing } from '../../src/services/iam-role.js';
import { systemClock } from '../../src/services/clock.js';
import { startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

let fx: EmulatorFixture;
let sql: SqlRunner;

beforeAll(async () => {
  // DescribeStatement answers at once, as on AWS: the polling policy below is the client's own.
  fx = await startEmulatorFixture({ statementStartMs: 400, describeHoldMs: 0 });
  const { arn: roleArn } = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend'], emit: () => {} });
  await createClusterIfMissing(fx.clients.redshift, {
    clusterIdentifier: 'slow-dwh',
    clusterType: 'single-node',
    numNodes: 1,
    nodeType: 'ra3.large',
    dbName: 'sparkify',
    masterUsername: 'sparkify_admin',
    port: 5439,
    iamRoleArn: roleArn,
    emit: () => {},
  });
  await waitForClusterStatus(fx.clients.redshift, 'slow-dwh', 'available', { emit: () => {}, pollMs: 10 });
  sql = createSqlRunner(fx.clients.redshiftData, { clusterIdentifier: 'slow-dwh', database: 'sparkify', dbUser: 'sparkify_admin' });
});
afterAll(async () => fx?.close());

describe('a statement that is still running', () => {
  it('is cancelled when the wait is aborted, and then reads as ABORTED', async () => {
    const id = await sql.start('SELECT 1 AS one', { label: 'slow select' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopped by the user')), 50);
    await expect(sql.waitFor(id, { signal: controller.signal })).rejects.toThrow('stopped by the user');
    expect(fx.requests.some((r) => r.operation === 'CancelStatement' && r.params.Id === id)).toBe(true);

    const error = (await sql.waitFor(id).catch((e: unknown) => e)) as SqlError;
    expect(error).toBeInstanceOf(SqlError);
    expect(error.status).toBe('ABORTED');
    expect(error.label).toBe('slow select');
    expect(error.message).toMatch(/^slow select was aborted: /);
  });

  it('keeps polling no slower than every 500 ms', async () => {
    // The waits it asks for are the policy (25 ms growing ×1.6, capped at 500 ms); wall time is not,
    // since a loaded machine stretches every wait.
    const waits: number[] = [];
    const recording = { now: systemClock.now, sleep: (ms: number, signal?: AbortSignal) => (waits.push(ms), systemClock.sleep(ms, signal)) };
    const polled = createSqlRunner(fx.clients.redshiftData, { clusterIdentifier: 'slow-dwh', database: 'sparkify', dbUser: 'sparkify_admin', clock: recording });
    const before = fx.requests.filter((r) => r.operation === 'DescribeStatement').length;
    await polled.execute('SELECT 2 AS two', { label: 'slow but fine' });
    const polls = fx.requests.filter((r) => r.operation === 'DescribeStatement').length - before;
    expect(waits.slice(0, 5)).toEqual([25, 40, 64, 102, 163]); // …until the 400 ms start
    expect(Math.max(...waits)).toBeLessThanOrEqual(500);
    expect(polls).toBe(waits.length + 1);
  });

  it('reports false when cancelling a statement that already ended', async () => {
    const { id } = await sql.execute('SELECT 3 AS three');
    expect(await sql.cancel(id)).toBe(false);
  });
});
