import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CreateClusterCommand,
  CreateTagsCommand,
  DeleteClusterCommand,
  DeleteClusterSnapshotCommand,
  DeleteTagsCommand,
  DescribeClustersCommand,
  DescribeClusterSnapshotsCommand,
  DescribeTagsCommand,
  waitUntilClusterAvailable,
  waitUntilClusterDeleted,
} from '@aws-sdk/client-redshift';
import { rejectionOf, startTestEmulator, type TestEmulator } from './helpers.js';
import { destroyedDatabases } from './redshift-data-spy.js';

vi.mock('../../../src/emulator/redshift-data/index.js', async (importOriginal) =>
  (await import('./redshift-data-spy.js')).spyOnRedshiftData(importOriginal),
);

const DELETE_MS = 600;
const waiterTiming = { maxWaitTime: 10, minDelay: 0.05, maxDelay: 0.1 };

async function statusOf(t: TestEmulator, id: string): Promise<string> {
  try {
    const { Clusters } = await t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: id }));
    return Clusters![0].ClusterStatus!;
  } catch (error) {
    return (error as Error).name;
  }
}

describe('deleting emulated Redshift clusters', () => {
  let t: TestEmulator;
  const create = async (id: string) => {
    await t.redshift.send(
      new CreateClusterCommand({ ClusterIdentifier: id, NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd', Tags: [{ Key: 'env', Value: 'test' }] }),
    );
  };

  beforeAll(async () => {
    t = await startTestEmulator({ clusterCreateMs: 300, clusterDeleteMs: DELETE_MS });
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  it('refuses to delete a cluster that is still being created (InvalidClusterState)', async () => {
    await create('plain');
    const error = await rejectionOf(t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'plain', SkipFinalClusterSnapshot: true })));
    expect(error.name).toBe('InvalidClusterStateFault');
    await waitUntilClusterAvailable({ client: t.redshift, ...waiterTiming }, { ClusterIdentifier: 'plain' });
  });

  it('needs a final snapshot identifier unless told to skip it', async () => {
    const error = await rejectionOf(t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'plain' })));
    expect(error.name).toBe('InvalidParameterCombination');
    const both = await rejectionOf(
      t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'plain', SkipFinalClusterSnapshot: true, FinalClusterSnapshotIdentifier: 'snap' })),
    );
    expect(both.name).toBe('InvalidParameterCombination');
    const missing = await rejectionOf(t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'nope', SkipFinalClusterSnapshot: true })));
    expect(missing.name).toBe('ClusterNotFoundFault');
  });

  it('goes deleting → gone, drops the database, and the SDK waiter sees it', async () => {
    const deleted = await t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'plain', SkipFinalClusterSnapshot: true }));
    expect(deleted.Cluster?.ClusterStatus).toBe('deleting');
    expect(await statusOf(t, 'plain')).toBe('deleting');
    const again = await rejectionOf(t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'plain', SkipFinalClusterSnapshot: true })));
    expect(again.name).toBe('InvalidClusterStateFault');
    // waitUntilClusterAvailable fails fast on a deleting cluster.
    const failed = await rejectionOf(waitUntilClusterAvailable({ client: t.redshift, ...waiterTiming }, { ClusterIdentifier: 'plain' }));
    expect(failed.message).toContain('FAILURE');
    const result = await waitUntilClusterDeleted({ client: t.redshift, ...waiterTiming }, { ClusterIdentifier: 'plain' });
    expect(result.state).toBe('SUCCESS');
    expect(await statusOf(t, 'plain')).toBe('ClusterNotFoundFault');
    expect(destroyedDatabases).toContain('plain');
  });

  it('takes a final snapshot first (final-snapshot → deleting → gone) and keeps the snapshot', async () => {
    await create('snapped');
    await waitUntilClusterAvailable({ client: t.redshift, ...waiterTiming }, { ClusterIdentifier: 'snapped' });
    const deleted = await t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'snapped', FinalClusterSnapshotIdentifier: 'snapped-final' }));
    expect(deleted.Cluster?.ClusterStatus).toBe('final-snapshot');
    const seen = new Set<string>();
    const { Snapshots: during } = await t.redshift.send(new DescribeClusterSnapshotsCommand({ SnapshotIdentifier: 'snapped-final' }));
    expect(during![0]).toMatchObject({ SnapshotIdentifier: 'snapped-final', ClusterIdentifier: 'snapped', Status: 'creating', SnapshotType: 'manual' });
    const early = await rejectionOf(t.redshift.send(new DeleteClusterSnapshotCommand({ SnapshotIdentifier: 'snapped-final' })));
    expect(early.name).toBe('InvalidClusterSnapshotStateFault');
    for (let status = await statusOf(t, 'snapped'); status !== 'ClusterNotFoundFault'; status = await statusOf(t, 'snapped')) {
      seen.add(status);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect([...seen]).toEqual(['final-snapshot', 'deleting']);

    const { Snapshots } = await t.redshift.send(new DescribeClusterSnapshotsCommand({ ClusterIdentifier: 'snapped' }));
    expect(Snapshots).toHaveLength(1);
    expect(Snapshots![0]).toMatchObject({
      SnapshotIdentifier: 'snapped-final',
      Status: 'available',
      NodeType: 'dc2.large',
      NumberOfNodes: 1,
      DBName: 'dev',
      Tags: [{ Key: 'env', Value: 'test' }],
      SnapshotArn: 'arn:aws:redshift:us-west-2:123456789012:snapshot:snapped/snapped-final',
    });
    expect(Snapshots![0].SnapshotCreateTime).toBeInstanceOf(Date);
  });

  it('refuses a final snapshot whose identifier is taken (ClusterSnapshotAlreadyExists)', async () => {
    await create('again');
    await waitUntilClusterAvailable({ client: t.redshift, ...waiterTiming }, { ClusterIdentifier: 'again' });
    const error = await rejectionOf(t.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'again', FinalClusterSnapshotIdentifier: 'snapped-final' })));
    expect(error.name).toBe('ClusterSnapshotAlreadyExistsFault');
    expect(await statusOf(t, 'again')).toBe('available');
  });

  it('tags clusters and snapshots by ARN', async () => {
    const clusterArn = 'arn:aws:redshift:us-west-2:123456789012:cluster:again';
    await t.redshift.send(new CreateTagsCommand({ ResourceName: clusterArn, Tags: [{ Key: 'owner', Value: 'me' }, { Key: 'env', Value: 'prod' }] }));
    const { TaggedResources } = await t.redshift.send(new DescribeTagsCommand({ ResourceName: clusterArn }));
    expect(TaggedResources).toEqual([
      { Tag: { Key: 'env', Value: 'prod' }, ResourceName: clusterArn, ResourceType: 'Cluster' },
      { Tag: { Key: 'owner', Value: 'me' }, ResourceName: clusterArn, ResourceType: 'Cluster' },
    ]);
    await t.redshift.send(new DeleteTagsCommand({ ResourceName: clusterArn, TagKeys: ['owner'] }));
    const snapshots = await t.redshift.send(new DescribeTagsCommand({ ResourceType: 'snapshot' }));
    expect(snapshots.TaggedResources!.map((resource) => resource.ResourceName)).toEqual([
      'arn:aws:redshift:us-west-2:123456789012:snapshot:snapped/snapped-final',
    ]);
    const byKey = await t.redshift.send(new DescribeTagsCommand({ TagKeys: ['env'], TagValues: ['prod'] }));
    expect(byKey.TaggedResources).toEqual([{ Tag: { Key: 'env', Value: 'prod' }, ResourceName: clusterArn, ResourceType: 'Cluster' }]);
    const missing = await rejectionOf(
      t.redshift.send(new CreateTagsCommand({ ResourceName: 'arn:aws:redshift:us-west-2:123456789012:cluster:nope', Tags: [{ Key: 'a', Value: 'b' }] })),
    );
    expect(missing.name).toBe('ResourceNotFoundFault');
  });

  it('deletes an available snapshot, and not a missing one', async () => {
    const deleted = await t.redshift.send(new DeleteClusterSnapshotCommand({ SnapshotIdentifier: 'snapped-final' }));
    expect(deleted.Snapshot?.Status).toBe('deleted');
    const missing = await rejectionOf(t.redshift.send(new DeleteClusterSnapshotCommand({ SnapshotIdentifier: 'snapped-final' })));
    expect(missing.name).toBe('ClusterSnapshotNotFoundFault');
    expect(missing.$metadata?.httpStatusCode).toBe(404);
    const described = await rejectionOf(t.redshift.send(new DescribeClusterSnapshotsCommand({ SnapshotIdentifier: 'snapped-final' })));
    expect(described.name).toBe('ClusterSnapshotNotFoundFault');
  });
});
