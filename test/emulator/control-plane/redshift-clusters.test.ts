import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  ModifyClusterIamRolesCommand,
  waitUntilClusterAvailable,
  type CreateClusterCommandInput,
} from '@aws-sdk/client-redshift';
import { REDSHIFT_TRUST_POLICY, rejectionOf, startTestEmulator, type TestEmulator } from './helpers.js';

vi.mock('../../../src/emulator/redshift-data/index.js', async (importOriginal) =>
  (await import('./redshift-data-spy.js')).spyOnRedshiftData(importOriginal),
);

const CREATE_MS = 400;

describe('emulated Redshift clusters', () => {
  let t: TestEmulator;
  let roleArn: string;
  let untrustedRoleArn: string;
  const baseInput = (): CreateClusterCommandInput => ({
    ClusterIdentifier: 'dwh-cluster',
    NodeType: 'ra3.large',
    ClusterType: 'multi-node',
    NumberOfNodes: 2,
    DBName: 'sparkify',
    MasterUsername: 'awsuser',
    MasterUserPassword: 'Passw0rd!',
    IamRoles: [roleArn],
    PubliclyAccessible: false,
    Encrypted: true,
  });

  beforeAll(async () => {
    t = await startTestEmulator({ clusterCreateMs: CREATE_MS, clusterDeleteMs: 0 });
    roleArn = (await t.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }))).Role!.Arn!;
    const ec2Trust = REDSHIFT_TRUST_POLICY.replace('redshift.amazonaws.com', 'ec2.amazonaws.com');
    untrustedRoleArn = (await t.iam.send(new CreateRoleCommand({ RoleName: 'ec2Role', AssumeRolePolicyDocument: ec2Trust }))).Role!.Arn!;
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  it('creates a cluster that is creating, without an endpoint, until the create delay has passed', async () => {
    const created = await t.redshift.send(
      new CreateClusterCommand({ ...baseInput(), Tags: [{ Key: 'project', Value: 'sparkify' }], VpcSecurityGroupIds: ['sg-0abc1234'] }),
    );
    const cluster = created.Cluster!;
    expect(cluster.ClusterIdentifier).toBe('dwh-cluster');
    expect(cluster.ClusterStatus).toBe('creating');
    expect(cluster.ClusterAvailabilityStatus).toBe('Unavailable');
    expect(cluster.Endpoint).toBeUndefined();
    expect(cluster.NodeType).toBe('ra3.large');
    expect(cluster.NumberOfNodes).toBe(2);
    expect(cluster.DBName).toBe('sparkify');
    expect(cluster.MasterUsername).toBe('awsuser');
    expect(cluster.PubliclyAccessible).toBe(false);
    expect(cluster.Encrypted).toBe(true);
    expect(cluster.IamRoles).toEqual([{ IamRoleArn: roleArn, ApplyStatus: 'in-sync' }]);
    expect(cluster.Tags).toEqual([{ Key: 'project', Value: 'sparkify' }]);
    expect(cluster.VpcSecurityGroups).toEqual([{ VpcSecurityGroupId: 'sg-0abc1234', Status: 'active' }]);
    expect(cluster.ClusterCreateTime).toBeInstanceOf(Date);
    expect(cluster.ClusterNamespaceArn).toMatch(/^arn:aws:redshift:us-west-2:123456789012:namespace:[0-9a-f-]{36}$/);
    expect(cluster.MasterPasswordSecretArn).toBeUndefined();
  });

  it('becomes available (with an endpoint) after the delay, and the SDK waiter sees it', async () => {
    const result = await waitUntilClusterAvailable(
      { client: t.redshift, maxWaitTime: 10, minDelay: 0.1, maxDelay: 0.2 },
      { ClusterIdentifier: 'dwh-cluster' },
    );
    expect(result.state).toBe('SUCCESS');
    const { Clusters } = await t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'dwh-cluster' }));
    expect(Clusters).toHaveLength(1);
    expect(Clusters![0].ClusterStatus).toBe('available');
    expect(Clusters![0].ClusterAvailabilityStatus).toBe('Available');
    // The local cluster's endpoint is the emulator's PostgreSQL server, reported as it really is.
    expect(Clusters![0].Endpoint).toEqual({ Address: '127.0.0.1', Port: t.emulator.pg!.port });
  });

  it('answers ClusterAlreadyExists (400) for an identifier in use', async () => {
    const error = await rejectionOf(t.redshift.send(new CreateClusterCommand(baseInput())));
    expect(error.name).toBe('ClusterAlreadyExistsFault');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('answers ClusterNotFound (404) for an unknown cluster', async () => {
    const error = await rejectionOf(t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'nope' })));
    expect(error.name).toBe('ClusterNotFoundFault');
    expect(error.$metadata?.httpStatusCode).toBe(404);
    expect(error.message).toBe('Cluster nope not found.');
  });

  it('lower-cases identifiers like Redshift (dwhCluster → dwhcluster)', async () => {
    const created = await t.redshift.send(
      new CreateClusterCommand({ ...baseInput(), ClusterIdentifier: 'dwhCluster', ClusterType: 'single-node', NumberOfNodes: undefined, ManageMasterPassword: true, MasterUserPassword: undefined }),
    );
    expect(created.Cluster?.ClusterIdentifier).toBe('dwhcluster');
    expect(created.Cluster?.NumberOfNodes).toBe(1);
    expect(created.Cluster?.MasterPasswordSecretArn).toMatch(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:redshift!dwhcluster-awsuser-\w{6}$/);
    const { Clusters } = await t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'DWHCLUSTER' }));
    expect(Clusters![0].ClusterIdentifier).toBe('dwhcluster');
  });

  it('validates like Redshift', async () => {
    const cases: [Partial<CreateClusterCommandInput>, string][] = [
      [{ ClusterIdentifier: '1cluster' }, 'InvalidParameterValue'],
      [{ ClusterIdentifier: 'bad--name' }, 'InvalidParameterValue'],
      [{ ClusterIdentifier: 'ends-with-' }, 'InvalidParameterValue'],
      [{ ClusterIdentifier: `a${'b'.repeat(63)}` }, 'InvalidParameterValue'],
      [{ ClusterIdentifier: 'under_score' }, 'InvalidParameterValue'],
      [{ NodeType: 'ra3.huge' }, 'InvalidParameterValue'],
      [{ NodeType: 'ds2.xlarge' }, 'InvalidParameterValue'],
      [{ ClusterType: 'multi-node', NumberOfNodes: 1 }, 'InvalidParameterCombination'],
      [{ ClusterType: 'multi-node', NumberOfNodes: undefined }, 'InvalidParameterCombination'],
      [{ ClusterType: 'single-node', NumberOfNodes: 4 }, 'InvalidParameterCombination'],
      [{ ClusterType: 'single-node', NumberOfNodes: undefined, NodeType: 'ra3.4xlarge' }, 'InvalidParameterCombination'],
      [{ NumberOfNodes: 200 }, 'InvalidParameterValue'],
      [{ MasterUserPassword: undefined }, 'InvalidParameterValue'],
      [{ MasterUserPassword: 'short1A' }, 'InvalidParameterValue'],
      [{ MasterUserPassword: 'alllowercase1' }, 'InvalidParameterValue'],
      [{ MasterUserPassword: 'Has space 1A' }, 'InvalidParameterValue'],
      [{ ManageMasterPassword: true }, 'InvalidParameterCombination'],
      [{ MasterUsername: '1user' }, 'InvalidParameterValue'],
      [{ DBName: 'Sparkify' }, 'InvalidParameterValue'],
      [{ Port: 80 }, 'InvalidParameterValue'],
      [{ IamRoles: ['arn:aws:iam::123456789012:role/missing'] }, 'InvalidParameterValue'],
      [{ IamRoles: [] as string[], DefaultIamRoleArn: 'arn:aws:iam::123456789012:role/dwhRole' }, 'InvalidParameterValue'],
    ];
    for (const [override, code] of cases) {
      const error = await rejectionOf(t.redshift.send(new CreateClusterCommand({ ...baseInput(), ClusterIdentifier: 'checked', ...override })));
      expect({ override, name: error.name, status: error.$metadata?.httpStatusCode }).toEqual({ override, name: code, status: 400 });
    }
    const untrusted = await rejectionOf(t.redshift.send(new CreateClusterCommand({ ...baseInput(), ClusterIdentifier: 'checked', IamRoles: [untrustedRoleArn] })));
    expect(untrusted.message).toBe('The IAM role ec2Role is not valid. The IAM role must delegate access to an Amazon Redshift account.');
    const missing = await rejectionOf(t.redshift.send(new CreateClusterCommand({ ...baseInput(), ClusterIdentifier: undefined })));
    expect(missing.name).toBe('MissingParameter');
    // None of the failed attempts left a cluster behind.
    const { Clusters } = await t.redshift.send(new DescribeClustersCommand({}));
    expect(Clusters!.map((cluster) => cluster.ClusterIdentifier)).toEqual(['dwh-cluster', 'dwhcluster']);
  });

  it('filters DescribeClusters by tag keys and values', async () => {
    const byKey = await t.redshift.send(new DescribeClustersCommand({ TagKeys: ['project'] }));
    expect(byKey.Clusters!.map((cluster) => cluster.ClusterIdentifier)).toEqual(['dwh-cluster']);
    const byKeyAndValue = await t.redshift.send(new DescribeClustersCommand({ TagKeys: ['project'], TagValues: ['sparkify'] }));
    expect(byKeyAndValue.Clusters!.map((cluster) => cluster.ClusterIdentifier)).toEqual(['dwh-cluster']);
    const byValue = await t.redshift.send(new DescribeClustersCommand({ TagValues: ['other'] }));
    expect(byValue.Clusters).toEqual([]);
  });

  it('changes the IAM roles of an available cluster', async () => {
    await waitUntilClusterAvailable({ client: t.redshift, maxWaitTime: 10, minDelay: 0.1, maxDelay: 0.2 }, { ClusterIdentifier: 'dwhcluster' });
    const second = (await t.iam.send(new CreateRoleCommand({ RoleName: 'second', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }))).Role!.Arn!;
    const modified = await t.redshift.send(
      new ModifyClusterIamRolesCommand({ ClusterIdentifier: 'dwhcluster', AddIamRoles: [second], RemoveIamRoles: [roleArn], DefaultIamRoleArn: second }),
    );
    expect(modified.Cluster?.IamRoles).toEqual([{ IamRoleArn: second, ApplyStatus: 'in-sync' }]);
    expect(modified.Cluster?.DefaultIamRoleArn).toBe(second);
  });

  it('records CreateCluster parameters decoded, with the password redacted', () => {
    const create = t.emulator.requests.find((request) => request.service === 'redshift' && request.operation === 'CreateCluster');
    expect(create?.params).toMatchObject({
      ClusterIdentifier: 'dwh-cluster',
      PubliclyAccessible: false,
      Encrypted: true,
      MasterUserPassword: '***',
      IamRoles: [roleArn],
      Tags: [{ Key: 'project', Value: 'sparkify' }],
      VpcSecurityGroupIds: ['sg-0abc1234'],
    });
    expect(JSON.stringify(t.emulator.requests)).not.toContain('Passw0rd!');
  });
});
