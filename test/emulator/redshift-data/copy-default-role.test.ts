// COPY … IAM_ROLE default end to end: the role comes from CreateCluster's DefaultIamRoleArn, as the
// control plane stores it, through the cluster catalog to the COPY's role check.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import { DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { clientConfig, REDSHIFT_TRUST_POLICY, startTestEmulator, type TestEmulator } from '../control-plane/helpers.js';
import { withConformance } from '../../helpers/sdk-conformance.js';

describe('COPY … IAM_ROLE default against the running emulator', () => {
  let t: TestEmulator;
  let data: RedshiftDataClient;

  async function run(cluster: string, sql: string) {
    const { Id } = await data.send(new ExecuteStatementCommand({ ClusterIdentifier: cluster, Database: 'dev', DbUser: 'awsuser', Sql: sql }));
    for (;;) {
      const d = await data.send(new DescribeStatementCommand({ Id }));
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status!)) return d;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function createCluster(identifier: string, roleArn: string, defaultRole: boolean) {
    await t.redshift.send(new CreateClusterCommand({
      ClusterIdentifier: identifier, NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd!', DBName: 'dev',
      ClusterType: 'single-node', IamRoles: [roleArn], DefaultIamRoleArn: defaultRole ? roleArn : undefined,
    }));
    await waitUntilClusterAvailable({ client: t.redshift, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: identifier });
    expect((await run(identifier, 'CREATE TABLE t (id INTEGER)')).Status).toBe('FINISHED');
  }

  beforeAll(async () => {
    t = await startTestEmulator();
    data = withConformance(new RedshiftDataClient(clientConfig(t.emulator.endpoint)));
    mkdirSync(join(t.dirs.s3Root, 'bucket', 'in'), { recursive: true });
    writeFileSync(join(t.dirs.s3Root, 'bucket', 'in', 'a.json'), '{"id":1}\n{"id":2}');
    const role = await t.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    await createCluster('with-default', role.Role!.Arn!, true);
    await createCluster('no-default', role.Role!.Arn!, false);
  });
  afterAll(async () => {
    data?.destroy();
    await t?.stop();
    t?.dirs.remove();
  });

  const copy = `COPY t FROM 's3://bucket/in/' IAM_ROLE default FORMAT AS JSON 'auto' REGION 'us-west-2'`;

  it("loads with the cluster's DefaultIamRoleArn", async () => {
    expect(await run('with-default', copy)).toMatchObject({ Status: 'FINISHED', ResultRows: 2 });
  });

  it('fails plainly on a cluster without a default IAM role', async () => {
    const d = await run('no-default', copy);
    expect(d.Status).toBe('FAILED');
    expect(d.Error).toMatch(/^ERROR: Default IAM role is not set for cluster no-default/);
  });
});
