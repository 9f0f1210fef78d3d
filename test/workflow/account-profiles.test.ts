// Issue 12's defects, each on the emulator account profile that shows it: the managed Data API
// policy (item 1), no default VPC (3), a bucket in another region (4), a paused cluster and slow
// role propagation (5), and the smaller ones (8). Each test failed before its fix.
import { readFileSync, writeFileSync } from 'node:fs';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { ModifyClusterIamRolesCommand } from '@aws-sdk/client-redshift';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_PROFILES, startEmulator, type AccountProfile, type AccountProfileName, type RunningEmulator } from '../../src/emulator/index.js';
import { operatorPolicyDocument } from '../../src/services/operator-policy.js';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openTestWarehouse, recordEvents, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
let emulator: RunningEmulator | undefined;
let warehouse: Warehouse | undefined;

afterEach(async () => {
  await warehouse?.close();
  await emulator?.close();
  ws?.remove();
  ws = emulator = warehouse = undefined;
});

/** A workspace whose dwh.cfg is edited by `edit`, served by an emulator modelling `account`. */
async function open(account: AccountProfileName | AccountProfile, edit: (text: string) => string = (t) => t, options: { ignoreDoctor?: boolean } = {}) {
  ws = createWorkspace();
  writeFileSync(ws.configPath, edit(readFileSync(ws.configPath, 'utf8')));
  emulator = await startEmulator({ stateDir: ws.stateDir, s3Root: ws.s3Root, account, delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0 } });
  warehouse = await openTestWarehouse(ws, { emulatorEndpoint: emulator.endpoint, ...options });
  return { ws, emulator, warehouse };
}

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error & { hint?: string }> {
  const outcome = await promise.then(() => undefined, (err: Error & { hint?: string }) => err);
  if (!outcome) throw new Error('expected a failure');
  return outcome;
}

const ops = (e: RunningEmulator, operation: string) => e.requests.filter((r) => r.operation === operation);
const withoutS3Region = (text: string) => text.replace(/^\[S3\]([\s\S]*?)^REGION\s*=.*$/m, '[S3]$1');

describe('item 1: the operator policy', () => {
  it('with AmazonRedshiftDataFullAccess, up stops before CreateCluster and says GetClusterCredentials for sparkify_admin is missing', async () => {
    const { emulator: e, warehouse: w } = await open('data-api-managed-policy');
    const report = await w.doctor();
    const permissions = report.checks.find((c) => c.id === 'permissions')!;
    expect(permissions.status).toBe('fail');
    expect(permissions.detail).toContain('redshift:GetClusterCredentials on arn:aws:redshift:us-west-2:123456789012:dbuser:sparkify-dwh/sparkify_admin');
    expect(permissions.fix).toContain('AmazonRedshiftDataFullAccess alone is not enough');
    await expect(w.ensureCluster(() => {})).rejects.toThrow(/doctor found 1 problem/);
    expect(ops(e, 'CreateCluster')).toEqual([]);
    expect(ops(e, 'CreateRole')).toEqual([]);
  });

  it('the policy "sparkify policy" prints is enough for the whole run, and nothing more is asked', async () => {
    ws = createWorkspace();
    const policy = operatorPolicyDocument(ws.config(), { account: '123456789012', callerArn: 'arn:aws:iam::123456789012:user/sparkify-emulator' });
    const account: AccountProfile = { ...ACCOUNT_PROFILES.default, operatorPolicy: policy };
    const dir = ws;
    ws = undefined;
    dir.remove();
    const { warehouse: w } = await open(account);
    expect((await w.doctor()).ok).toBe(true);
    await w.ensureCluster(() => {});
    await w.createTables(() => {});
    const summary = await w.runEtl(() => {});
    expect(summary.counts).toMatchObject({ staging_events: 8056, staging_songs: 71, songplays: 6820 });
    await w.pauseCluster('pause', () => {});
    await w.pauseCluster('resume', () => {});
    await w.teardown({ finalSnapshotId: 'sparkify-final' }, () => {});
    expect((await w.detect()).cluster).toBeUndefined();
  }, 120_000);
});

describe('item 3: no default VPC', () => {
  it('CreateCluster without a subnet group fails with the setting to use; the doctor warns with the same fix', async () => {
    const { warehouse: w } = await open('no-default-vpc', (t) => t, { ignoreDoctor: true });
    const network = (await w.doctor()).checks.find((c) => c.id === 'network')!;
    expect(network.status).toBe('warn');
    expect(network.fix).toContain('CLUSTER_SUBNET_GROUP = sparkify-private');
    const error = await failure(w.ensureCluster(() => {}));
    expect(error.message).toMatch(/no usable network in the default VPC/);
    expect(error.hint).toContain('[DWH] CLUSTER_SUBNET_GROUP');
  });

  it('[DWH] CLUSTER_SUBNET_GROUP and VPC_SECURITY_GROUP_IDS reach CreateCluster', async () => {
    const { emulator: e, warehouse: w } = await open('no-default-vpc', (t) => t.replace(/^IAM_ROLE_NAME.*$/m, '$&\nCLUSTER_SUBNET_GROUP = sparkify-private\nVPC_SECURITY_GROUP_IDS = sg-0abc, sg-0def'));
    const network = (await w.doctor()).checks.find((c) => c.id === 'network')!;
    expect(network.status).toBe('pass');
    await w.ensureCluster(() => {});
    expect(ops(e, 'CreateCluster')[0].params).toMatchObject({ ClusterSubnetGroupName: 'sparkify-private', VpcSecurityGroupIds: ['sg-0abc', 'sg-0def'] });
  });
});

describe('item 4: the bucket region', () => {
  it('with no [S3] REGION, COPY names the bucket\'s region (us-east-1), not the cluster\'s, and loads', async () => {
    const { emulator: e, warehouse: w } = await open('bucket-other-region', withoutS3Region);
    expect(w.config.s3.region).toBeUndefined();
    await w.ensureCluster(() => {});
    await w.createTables(() => {});
    const summary = await w.runEtl(() => {});
    expect(summary.counts.staging_events).toBe(8056);
    const copies = e.requests.filter((r) => r.operation === 'ExecuteStatement' && /^\s*COPY/i.test(String(r.params.Sql)));
    expect(copies).toHaveLength(2);
    for (const copy of copies) expect(String(copy.params.Sql)).toContain("REGION 'us-east-1'");
  }, 60_000);

  it('a configured [S3] REGION that is not the bucket\'s fails the doctor with the right value', async () => {
    const { warehouse: w } = await open('bucket-other-region');
    const check = (await w.doctor()).checks.find((c) => c.id === 'source-region')!;
    expect(check).toMatchObject({ status: 'fail' });
    expect(check.fix).toContain('REGION = us-east-1');
  });
});

describe('item 5: paused clusters and role propagation', () => {
  it('waiting on a paused cluster fails at once and names "sparkify resume"; resume then makes it usable', async () => {
    const { warehouse: w } = await open('paused-cluster');
    const started = Date.now();
    const error = await failure(w.ensureCluster(() => {}));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(error.message).toMatch(/is paused/);
    expect(error.hint).toContain('sparkify resume');
    const refusal = await failure(w.ensureCluster(() => {}));
    expect(refusal.message).toMatch(/doctor found 1 problem.*\n.*paused/);
    expect((await w.detect()).billing?.[0]).toMatch(/paused: only its managed storage is billed/);
    expect(await w.pauseCluster('resume', () => {})).toEqual({ status: 'available' });
    await w.createTables(() => {});
  });

  it('COPY waits for the attached role to be in-sync instead of failing on it', async () => {
    // 3 s of propagation, restarted just before the ETL: however long the set-up took on a loaded
    // machine, the role is still adding when the ETL first looks.
    const { warehouse: w } = await open({ ...ACCOUNT_PROFILES['slow-role-propagation'], rolePropagationMs: 3000 });
    const events = recordEvents();
    await w.ensureCluster(events.emit);
    await w.createTables(events.emit);
    const { Role } = await w.clients.iam.send(new GetRoleCommand({ RoleName: w.config.dwh.iamRoleName }));
    await w.clients.redshift.send(new ModifyClusterIamRolesCommand({ ClusterIdentifier: w.config.dwh.clusterIdentifier, AddIamRoles: [Role!.Arn!] }));
    const summary = await w.runEtl(events.emit);
    expect(summary.counts.staging_events).toBe(8056);
    expect(events.of('notice').some((n) => /ApplyStatus adding → in-sync/.test(n.message))).toBe(true);
  }, 60_000);
});

describe('item 8: the smaller defects', () => {
  it('an invalid final snapshot id is refused before DeleteCluster; a kept snapshot is named as billed by down and status', async () => {
    const { emulator: e, warehouse: w } = await open('default');
    await w.ensureCluster(() => {});
    await expect(w.teardown({ finalSnapshotId: 'bad--name' }, () => {})).rejects.toThrow(/not a valid snapshot identifier/);
    expect(ops(e, 'DeleteCluster')).toEqual([]);
    const events = recordEvents();
    await w.teardown({ finalSnapshotId: 'sparkify-final' }, events.emit);
    expect(events.of('notice').some((n) => /final snapshot sparkify-final .*billed as backup storage/.test(n.message))).toBe(true);
    expect((await w.detect()).billing?.join('\n')).toMatch(/final snapshot sparkify-final .*billed/);
  });

  it('the role trust policy is limited to this account (aws:SourceAccount)', async () => {
    const { warehouse: w } = await open('default');
    await w.ensureRole(() => {});
    const { Role } = await w.clients.iam.send(new GetRoleCommand({ RoleName: w.config.dwh.iamRoleName }));
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '123456789012' } });
  });

  it('the cost says whose prices they are', async () => {
    const { warehouse: w } = await open('default');
    expect((await w.doctor()).checks.find((c) => c.id === 'cost')!.detail).toContain('us-east-1 list price; us-west-2 may differ');
  });
});
