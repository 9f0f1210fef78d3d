// Control-plane calls real clients make beyond sparkify's own (issue 15): the Cluster's VpcId and
// nodes, ModifyCluster, IAM ListRoles, S3 ListBuckets / GetBucketLocation / ListObjects v1 / HeadBucket.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, DescribeClustersCommand, ModifyClusterCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import { GetBucketLocationCommand, HeadBucketCommand, ListBucketsCommand, ListObjectsCommand } from '@aws-sdk/client-s3';
import { rejectionOf, REDSHIFT_TRUST_POLICY, startTestEmulator, type TestEmulator } from './helpers.js';

describe('control plane for third-party clients', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
    for (const key of ['log_data/2018/11/a.json', 'log_data/2018/11/b.json', 'song_data/A/x.json', 'log_json_path.json']) {
      mkdirSync(join(t.dirs.s3Root, 'udacity-dend', key, '..'), { recursive: true });
      writeFileSync(join(t.dirs.s3Root, 'udacity-dend', key), '{}');
    }
    mkdirSync(join(t.dirs.s3Root, 'other-bucket'), { recursive: true });
  });
  afterAll(async () => t?.stop());

  it('describes a cluster with its VpcId and nodes, and resizes it with ModifyCluster', async () => {
    await t.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    await t.redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'dwhcluster', NodeType: 'dc2.large', ClusterType: 'multi-node', NumberOfNodes: 2, MasterUsername: 'dwhuser', MasterUserPassword: 'Passw0rd!', DBName: 'dwh' }));
    await waitUntilClusterAvailable({ client: t.redshift, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: 'dwhcluster' });
    const [c] = (await t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'dwhcluster' }))).Clusters!;
    expect(c.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(c.ClusterNodes?.map((n) => n.NodeRole)).toEqual(['LEADER', 'COMPUTE-0', 'COMPUTE-1']);
    expect(c.PendingActions).toEqual([]);
    const modified = await t.redshift.send(new ModifyClusterCommand({ ClusterIdentifier: 'dwhcluster', NumberOfNodes: 4 }));
    expect(modified.Cluster?.NumberOfNodes).toBe(4);
    expect(modified.Cluster?.ClusterStatus).toBe('available');
    const single = await t.redshift.send(new ModifyClusterCommand({ ClusterIdentifier: 'dwhcluster', ClusterType: 'single-node', NodeType: 'ra3.xlplus' }));
    expect(single.Cluster).toMatchObject({ NumberOfNodes: 1, NodeType: 'ra3.xlplus' });
    const refused = await rejectionOf(t.redshift.send(new ModifyClusterCommand({ ClusterIdentifier: 'dwhcluster', MasterUserPassword: 'Other0ne!' })));
    expect(refused.name).toBe('UnsupportedOperationFault');
    expect(refused.message).toMatch(/only NodeType, NumberOfNodes and ClusterType/);
    const missing = await rejectionOf(t.redshift.send(new ModifyClusterCommand({ ClusterIdentifier: 'nope', NumberOfNodes: 2 })));
    expect(missing.name).toBe('ClusterNotFoundFault');
  });

  it('lists IAM roles', async () => {
    const roles = await t.iam.send(new ListRolesCommand({}));
    expect(roles.Roles?.map((r) => r.RoleName)).toEqual(['dwhRole']);
    expect(decodeURIComponent(roles.Roles![0].AssumeRolePolicyDocument!)).toContain('redshift.amazonaws.com');
    expect(roles.IsTruncated).toBe(false);
  });

  it('lists buckets, answers GetBucketLocation and HeadBucket, and lists objects with v1 markers', async () => {
    const buckets = await t.s3.send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => b.Name)).toEqual(['other-bucket', 'udacity-dend']);
    expect((await t.s3.send(new GetBucketLocationCommand({ Bucket: 'udacity-dend' }))).LocationConstraint).toBe('us-west-2');
    expect((await t.s3.send(new HeadBucketCommand({ Bucket: 'udacity-dend' }))).$metadata.httpStatusCode).toBe(200);
    const page1 = await t.s3.send(new ListObjectsCommand({ Bucket: 'udacity-dend', Prefix: 'log_data/', MaxKeys: 1 }));
    expect(page1.Contents?.map((o) => o.Key)).toEqual(['log_data/2018/11/a.json']);
    expect(page1.IsTruncated).toBe(true);
    const page2 = await t.s3.send(new ListObjectsCommand({ Bucket: 'udacity-dend', Prefix: 'log_data/', Marker: page1.Contents![0].Key }));
    expect(page2.Contents?.map((o) => o.Key)).toEqual(['log_data/2018/11/b.json']);
    expect(page2.IsTruncated).toBe(false);
    const tree = await t.s3.send(new ListObjectsCommand({ Bucket: 'udacity-dend', Delimiter: '/' }));
    expect(tree.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['log_data/', 'song_data/']);
    expect(tree.Contents?.map((o) => o.Key)).toEqual(['log_json_path.json']);
    const none = await rejectionOf(t.s3.send(new GetBucketLocationCommand({ Bucket: 'no-such-bucket' })));
    expect(none.name).toBe('NoSuchBucket');
  });
});
