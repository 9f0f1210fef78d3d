import { CreateClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createClusterIfMissing,
  deleteManagedCluster,
  describeCluster,
  waitForClusterDeleted,
  waitForClusterStatus,
  type CreateClusterOptions,
} from '../../src/services/cluster.js';
import { UserError } from '../../src/services/errors.js';
import { createRoleIfMissing } from '../../src/services/iam-role.js';
import type { ProgressEvent } from '../../src/workflow/events.js';
import { recordEvents, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

let fx: EmulatorFixture;
afterEach(async () => fx?.close());

async function setUp(delays: { clusterCreateMs?: number; clusterDeleteMs?: number } = {}) {
  fx = await startEmulatorFixture(delays);
  const { arn: roleArn } = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend'], emit: () => {} });
  return roleArn;
}

function options(roleArn: string, emit: CreateClusterOptions['emit'] = () => {}): CreateClusterOptions {
  return {
    clusterIdentifier: 'sparkify-dwh',
    clusterType: 'multi-node',
    numNodes: 2,
    nodeType: 'ra3.large',
    dbName: 'sparkify',
    masterUsername: 'sparkify_admin',
    port: 5439,
    iamRoleArn: roleArn,
    emit,
  };
}

const statuses = (events: ProgressEvent[]) => events.flatMap((e) => (e.type === 'cluster.status' ? [e.status] : []));

describe('createClusterIfMissing', () => {
  it('creates a private, encrypted, tagged cluster with a managed password and the role attached', async () => {
    const roleArn = await setUp({ clusterCreateMs: 300 });
    const { emit, events } = recordEvents();
    const { cluster, created } = await createClusterIfMissing(fx.clients.redshift, options(roleArn, emit));
    expect(created).toBe(true);
    expect(cluster).toMatchObject({ identifier: 'sparkify-dwh', status: 'creating', managed: true, iamRoleArns: [roleArn], numberOfNodes: 2 });
    expect(cluster.masterPasswordSecretArn).toMatch(/^arn:aws:secretsmanager:/);
    expect(events).toEqual([]); // statuses are the monitor's to report

    const { Clusters } = await fx.clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'sparkify-dwh' }));
    expect(Clusters![0]).toMatchObject({ PubliclyAccessible: false, Encrypted: true, DBName: 'sparkify', MasterUsername: 'sparkify_admin' });
    const create = fx.requests.find((r) => r.operation === 'CreateCluster')!;
    expect(JSON.stringify(create.params)).not.toMatch(/MasterUserPassword/);
  });

  it('omits NumberOfNodes for a single-node cluster', async () => {
    const roleArn = await setUp();
    const { cluster } = await createClusterIfMissing(fx.clients.redshift, { ...options(roleArn), clusterType: 'single-node', numNodes: 1 });
    expect(cluster.numberOfNodes).toBe(1);
  });

  it('reuses a cluster it created before', async () => {
    const roleArn = await setUp();
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    const { emit, events } = recordEvents();
    const { created, cluster } = await createClusterIfMissing(fx.clients.redshift, options(roleArn, emit));
    expect(created).toBe(false);
    expect(cluster.identifier).toBe('sparkify-dwh');
    expect(events).toContainEqual(expect.objectContaining({ type: 'notice', level: 'info' }));
    expect(fx.requests.filter((r) => r.operation === 'CreateCluster')).toHaveLength(1);
  });

  it('refuses a same-named cluster it did not create', async () => {
    const roleArn = await setUp();
    await fx.clients.redshift.send(
      new CreateClusterCommand({ ClusterIdentifier: 'sparkify-dwh', NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'admin', ManageMasterPassword: true }),
    );
    const attempt = createClusterIfMissing(fx.clients.redshift, options(roleArn));
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow('Redshift cluster sparkify-dwh exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be used.');
    await expect(deleteManagedCluster(fx.clients.redshift, 'sparkify-dwh')).rejects.toThrow('so it will not be deleted.');
    expect(await describeCluster(fx.clients.redshift, 'sparkify-dwh')).toMatchObject({ status: 'available', managed: false });
  });

  it('retries while IAM has not yet made a new role visible, then gives up with a UserError', async () => {
    await setUp();
    const { emit, events } = recordEvents();
    const sleeps: number[] = [];
    const clock = { now: () => 0, sleep: async (ms: number) => void sleeps.push(ms) };
    const attempt = createClusterIfMissing(fx.clients.redshift, { ...options('arn:aws:iam::123456789012:role/not-there', emit), roleRetries: 2, roleRetryMs: 1234, clock });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow('Redshift does not accept the IAM role arn:aws:iam::123456789012:role/not-there: The IAM role not-there is not valid.');
    expect(sleeps).toEqual([1234, 1234]);
    expect(fx.requests.filter((r) => r.operation === 'CreateCluster')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'notice')).toHaveLength(2);
  });

  it('turns other AWS faults into a UserError with a hint', async () => {
    const roleArn = await setUp();
    const attempt = createClusterIfMissing(fx.clients.redshift, { ...options(roleArn), nodeType: 'ra3.4xlarge', clusterType: 'multi-node', numNodes: 1 });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/^Creating cluster sparkify-dwh failed: /);
  });
});

describe('waitForClusterStatus', () => {
  it('emits a cluster.status event on every change, once each, then returns the available cluster', async () => {
    // Long enough that the first poll sees 'creating' however slowly a loaded machine gets to it.
    const roleArn = await setUp({ clusterCreateMs: 2_000 });
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    const { emit, events } = recordEvents();
    const cluster = await waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit, pollMs: 50 });
    expect(cluster.status).toBe('available');
    expect(cluster.endpoint).toMatch(/^127\.0\.0\.1:\d+$/); // the emulator's PostgreSQL endpoint
    expect(statuses(events)).toEqual(['creating', 'available']);
    const last = events.at(-1) as Extract<ProgressEvent, { type: 'cluster.status' }>;
    expect(last.endpoint).toBe(cluster.endpoint);
    expect(last.elapsedMs).toBeGreaterThan(0);
  });

  it('uses the injected clock for elapsed time and timeout', async () => {
    const roleArn = await setUp({ clusterCreateMs: 60_000 });
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const { emit, events } = recordEvents();
    const waiting = waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit, pollMs: 10_000, timeoutMs: 30_000, clock });
    await expect(waiting).rejects.toThrow('Cluster sparkify-dwh did not become available within 1 min (last status: creating).');
    expect(events).toEqual([{ type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'creating', elapsedMs: 0 }]);
    expect(now).toBe(30_000);
  });

  it('fails fast when the cluster is being deleted or does not exist', async () => {
    const roleArn = await setUp({ clusterDeleteMs: 10_000 });
    await expect(waitForClusterStatus(fx.clients.redshift, 'nope', 'available', { emit: () => {}, pollMs: 10 })).rejects.toThrow('Cluster nope does not exist');
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    await waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit: () => {}, pollMs: 10 });
    await deleteManagedCluster(fx.clients.redshift, 'sparkify-dwh');
    // Fast means at the first "deleting": a waiter that kept polling would outlive the deletion
    // and end with "does not exist" instead (10 s: ample on a loaded machine) (no wall-clock bound, which a loaded machine stretches).
    await expect(waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit: () => {}, pollMs: 10 })).rejects.toThrow(
      'Cluster sparkify-dwh cannot become available: its status is deleting.',
    );
  });

  it('stops when aborted', async () => {
    const roleArn = await setUp({ clusterCreateMs: 60_000 });
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 100);
    await expect(waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit: () => {}, pollMs: 20, signal: controller.signal })).rejects.toThrow('user pressed Ctrl-C');
  });
});

describe('deleteManagedCluster and waitForClusterDeleted', () => {
  it('deletes its cluster without a snapshot and reports the statuses until it is gone', async () => {
    const roleArn = await setUp({ clusterDeleteMs: 300 });
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    await waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit: () => {}, pollMs: 10 });
    const { emit, events } = recordEvents();
    expect(await deleteManagedCluster(fx.clients.redshift, 'sparkify-dwh')).toBe(true);
    await waitForClusterDeleted(fx.clients.redshift, 'sparkify-dwh', { emit, pollMs: 50 });
    expect(statuses(events)).toEqual(['deleting', 'deleted']);
    expect(await describeCluster(fx.clients.redshift, 'sparkify-dwh')).toBeUndefined();
    const request = fx.requests.find((r) => r.operation === 'DeleteCluster')!;
    expect(request.params).toMatchObject({ SkipFinalClusterSnapshot: true });
  });

  it('takes a final snapshot when asked and reports final-snapshot', async () => {
    const roleArn = await setUp({ clusterDeleteMs: 600 });
    await createClusterIfMissing(fx.clients.redshift, options(roleArn));
    await waitForClusterStatus(fx.clients.redshift, 'sparkify-dwh', 'available', { emit: () => {}, pollMs: 10 });
    const { emit, events } = recordEvents();
    await deleteManagedCluster(fx.clients.redshift, 'sparkify-dwh', { finalSnapshotId: 'sparkify-final' });
    await waitForClusterDeleted(fx.clients.redshift, 'sparkify-dwh', { emit, pollMs: 40 });
    const seen = statuses(events);
    expect(seen[0]).toBe('final-snapshot');
    expect(seen).toContain('deleting');
    expect(seen.at(-1)).toBe('deleted');
  });

  it('returns false for a cluster that does not exist', async () => {
    await setUp();
    expect(await deleteManagedCluster(fx.clients.redshift, 'never-made')).toBe(false);
    await waitForClusterDeleted(fx.clients.redshift, 'never-made', { emit: () => {}, pollMs: 10 });
  });
});
