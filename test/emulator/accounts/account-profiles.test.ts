// The emulator's account profiles over the real SDK clients: the operator policy refuses calls as
// each service does, SimulatePrincipalPolicy answers from it, pause/resume follow AWS's statuses,
// GetClusterCredentials answers without recording a password, and the network follows the VPC shape.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, DescribeClusterSubnetGroupsCommand, DescribeClustersCommand, GetClusterCredentialsCommand, PauseClusterCommand, ResumeClusterCommand } from '@aws-sdk/client-redshift';
import { ExecuteStatementCommand } from '@aws-sdk/client-redshift-data';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluatePolicy, wildcardMatch } from '../../../src/emulator/accounts/index.js';
import { startEmulator, type AccountProfileName, type RunningEmulator } from '../../../src/emulator/index.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../src/services/clients.js';

let emulator: RunningEmulator | undefined;
let clients: AwsClients | undefined;
let root: string | undefined;

async function start(account: AccountProfileName, delays: Record<string, number> = {}): Promise<{ emulator: RunningEmulator; clients: AwsClients }> {
  root = mkdtempSync(join(tmpdir(), 'sparkify-accounts-'));
  emulator = await startEmulator({ stateDir: join(root, 'state'), s3Root: join(process.cwd(), 'data/s3'), account, delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0, ...delays } });
  clients = createAwsClients(
    { target: 'local', aws: { region: 'us-west-2', credentials: 'default-chain' }, s3: { logData: '', logJsonPath: '', songData: '', region: 'us-west-2' }, secrets: {} },
    { endpoint: emulator.endpoint },
  );
  return { emulator, clients };
}

afterEach(async () => {
  if (clients) destroyAwsClients(clients);
  await emulator?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  emulator = clients = root = undefined;
});

const CLUSTER = { ClusterIdentifier: 'c1', NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'sparkify_admin', ManageMasterPassword: true, DBName: 'sparkify' };

async function waitForStatus(c: AwsClients, status: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 500; i++) {
    const { Clusters } = await c.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'c1' }));
    const now = Clusters![0].ClusterStatus!;
    if (seen.at(-1) !== now) seen.push(now);
    if (now === status) return seen;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never ${status}: ${seen.join(' → ')}`);
}

describe('the IAM policy evaluator', () => {
  it('matches IAM wildcards, lets an explicit Deny win and denies what nothing allows', () => {
    expect(wildcardMatch('redshift:Describe*', 'redshift:DescribeClusters', true)).toBe(true);
    expect(wildcardMatch('arn:aws:redshift:*:*:dbuser:*/redshift_data_api_user', 'arn:aws:redshift:us-west-2:1:dbuser:c/sparkify_admin')).toBe(false);
    const policy = { Version: '2012-10-17' as const, Statement: [{ Effect: 'Allow' as const, Action: 's3:*', Resource: '*' }, { Effect: 'Deny' as const, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/secret*' }] };
    expect(evaluatePolicy(policy, 's3:GetObject', 'arn:aws:s3:::b/data.json')).toBe('allowed');
    expect(evaluatePolicy(policy, 's3:GetObject', 'arn:aws:s3:::b/secret.json')).toBe('explicitDeny');
    expect(evaluatePolicy(policy, 'iam:CreateRole', '*')).toBe('implicitDeny');
  });
});

describe('account profiles', () => {
  it('data-api-managed-policy: a statement as sparkify_admin is AccessDeniedException; as redshift_data_api_user it runs', async () => {
    const { clients: c } = await start('data-api-managed-policy');
    await c.redshift.send(new CreateClusterCommand(CLUSTER));
    await waitForStatus(c, 'available');
    const denied = await c.redshiftData.send(new ExecuteStatementCommand({ ClusterIdentifier: 'c1', Database: 'sparkify', DbUser: 'sparkify_admin', Sql: 'select 1' })).catch((e: Error) => e);
    expect(denied).toMatchObject({ name: 'AccessDeniedException' });
    expect((denied as Error).message).toContain('redshift:GetClusterCredentials on resource: arn:aws:redshift:us-west-2:123456789012:dbuser:c1/sparkify_admin');
    const ok = await c.redshiftData.send(new ExecuteStatementCommand({ ClusterIdentifier: 'c1', Database: 'sparkify', DbUser: 'redshift_data_api_user', Sql: 'select 1' }));
    expect(ok.Id).toBeTruthy();
  });

  it('no-pass-role: CreateCluster with a role is AccessDenied (403) for iam:PassRole, and SimulatePrincipalPolicy says explicitDeny', async () => {
    const { clients: c } = await start('no-pass-role');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const { Role } = await c.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    const denied = await c.redshift.send(new CreateClusterCommand({ ...CLUSTER, IamRoles: [Role!.Arn!] })).catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect((denied as Error).message).toContain(`iam:PassRole on resource: ${Role!.Arn}`);
    const sim = await c.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::123456789012:user/sparkify-emulator', ActionNames: ['iam:PassRole', 'redshift:CreateCluster'], ResourceArns: [Role!.Arn!] }));
    expect(sim.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([['iam:PassRole', 'explicitDeny'], ['redshift:CreateCluster', 'allowed']]);
  });

  it('pauses (pausing → paused) and resumes (resuming → available), refusing either from the wrong state', async () => {
    const { clients: c } = await start('default', { clusterPauseMs: 150, clusterResumeMs: 150 });
    await c.redshift.send(new CreateClusterCommand(CLUSTER));
    await waitForStatus(c, 'available');
    await expect(c.redshift.send(new ResumeClusterCommand({ ClusterIdentifier: 'c1' }))).rejects.toMatchObject({ name: 'InvalidClusterStateFault' });
    const paused = await c.redshift.send(new PauseClusterCommand({ ClusterIdentifier: 'c1' }));
    expect(paused.Cluster?.ClusterStatus).toBe('pausing');
    expect(await waitForStatus(c, 'paused')).toContain('paused');
    await expect(c.redshift.send(new PauseClusterCommand({ ClusterIdentifier: 'c1' }))).rejects.toMatchObject({ name: 'InvalidClusterStateFault' });
    const resumed = await c.redshift.send(new ResumeClusterCommand({ ClusterIdentifier: 'c1' }));
    expect(resumed.Cluster?.ClusterStatus).toBe('resuming');
    await waitForStatus(c, 'available');
  });

  it('GetClusterCredentials returns DbUser, DbPassword and Expiration, and no password is recorded', async () => {
    const { emulator: e, clients: c } = await start('default');
    await c.redshift.send(new CreateClusterCommand(CLUSTER));
    await waitForStatus(c, 'available');
    const creds = await c.redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: 'c1', DbUser: 'sparkify_admin', DbName: 'sparkify', DurationSeconds: 900 }));
    expect(creds.DbUser).toBe('IAM:sparkify_admin');
    expect(creds.DbPassword!.length).toBeGreaterThan(16);
    expect(creds.Expiration!.getTime()).toBeGreaterThan(Date.now());
    expect(JSON.stringify(e.requests)).not.toContain(creds.DbPassword!);
    await expect(c.redshift.send(new GetClusterCredentialsCommand({ ClusterIdentifier: 'c1', DbUser: 'u', DurationSeconds: 60 }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });

  it('no-default-vpc: CreateCluster without a subnet group fails; with the account\'s subnet group it is created there', async () => {
    const { clients: c } = await start('no-default-vpc');
    const { ClusterSubnetGroups } = await c.redshift.send(new DescribeClusterSubnetGroupsCommand({}));
    expect(ClusterSubnetGroups!.map((g) => g.ClusterSubnetGroupName)).toEqual(['sparkify-private']);
    await expect(c.redshift.send(new CreateClusterCommand(CLUSTER))).rejects.toMatchObject({ name: 'InvalidVPCNetworkStateFault' });
    await expect(c.redshift.send(new CreateClusterCommand({ ...CLUSTER, ClusterSubnetGroupName: 'nope' }))).rejects.toMatchObject({ name: 'ClusterSubnetGroupNotFoundFault' });
    const { Cluster } = await c.redshift.send(new CreateClusterCommand({ ...CLUSTER, ClusterSubnetGroupName: 'sparkify-private' }));
    expect(Cluster?.ClusterSubnetGroupName).toBe('sparkify-private');
  });

  it('bucket-other-region: HeadBucket answers the bucket\'s own region', async () => {
    const { clients: c } = await start('bucket-other-region');
    expect((await c.s3.send(new HeadBucketCommand({ Bucket: 'udacity-dend' }))).BucketRegion).toBe('us-east-1');
  });

  it('slow-role-propagation: an attached role is adding, then in-sync', async () => {
    const { clients: c } = await start('slow-role-propagation');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const { Role } = await c.iam.send(new CreateRoleCommand({ RoleName: 'r', AssumeRolePolicyDocument: trust }));
    await c.redshift.send(new CreateClusterCommand({ ...CLUSTER, IamRoles: [Role!.Arn!] }));
    const applyStatus = async () => (await c.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'c1' }))).Clusters![0].IamRoles![0].ApplyStatus;
    expect(await applyStatus()).toBe('adding');
    await expect.poll(applyStatus, { timeout: 20_000, interval: 100 }).toBe('in-sync');
  });
});
