import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, DeleteClusterCommand, DescribeClustersCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import { startEmulator } from '../../../src/emulator/index.js';
import { REDSHIFT_TRUST_POLICY, makeTestDirs, rejectionOf, startTestEmulator, type TestDirs, type TestEmulator } from './helpers.js';
import { destroyedDatabases } from './redshift-data-spy.js';

vi.mock('../../../src/emulator/redshift-data/index.js', async (importOriginal) =>
  (await import('./redshift-data-spy.js')).spyOnRedshiftData(importOriginal),
);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('emulator state persistence', () => {
  const running: TestEmulator[] = [];
  const dirsToRemove: TestDirs[] = [];
  afterEach(async () => {
    for (const t of running.splice(0)) await t.stop();
    for (const dirs of dirsToRemove.splice(0)) dirs.remove();
  });
  async function start(dirs: TestDirs, delays = { clusterCreateMs: 300, clusterDeleteMs: 300 }): Promise<TestEmulator> {
    const t = await startTestEmulator(delays, dirs);
    running.push(t);
    return t;
  }

  it('keeps roles and clusters across a restart, and the status moves on while no emulator runs', async () => {
    const dirs = makeTestDirs();
    dirsToRemove.push(dirs);
    const first = await start(dirs);
    const roleArn = (await first.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }))).Role!.Arn!;
    await first.redshift.send(
      new CreateClusterCommand({ ClusterIdentifier: 'kept', NodeType: 'ra3.xlplus', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd', IamRoles: [roleArn] }),
    );
    await first.stop();
    running.splice(0);

    // Written atomically: the JSON file and nothing else (no temp files left behind; the clusters/
    // folder appears with the first database, not at startup).
    expect(readdirSync(dirs.stateDir).sort()).toEqual(['emulator-state.json']);
    const saved = JSON.parse(readFileSync(join(dirs.stateDir, 'emulator-state.json'), 'utf8'));
    expect(Object.keys(saved.clusters)).toEqual(['kept']);
    expect(JSON.stringify(saved)).not.toContain('Passw0rd');

    await sleep(350);
    const second = await start(dirs);
    expect((await second.iam.send(new GetRoleCommand({ RoleName: 'dwhRole' }))).Role?.Arn).toBe(roleArn);
    const { Clusters } = await second.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'kept' }));
    expect(Clusters![0].ClusterStatus).toBe('available');
    expect(Clusters![0].IamRoles![0].IamRoleArn).toBe(roleArn);
  });

  it('finishes a deletion begun by an earlier process and drops its database on startup', async () => {
    const dirs = makeTestDirs();
    dirsToRemove.push(dirs);
    const first = await start(dirs, { clusterCreateMs: 0, clusterDeleteMs: 200 });
    await first.redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'doomed', NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd' }));
    await waitUntilClusterAvailable({ client: first.redshift, maxWaitTime: 5, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: 'doomed' });
    await first.redshift.send(new DeleteClusterCommand({ ClusterIdentifier: 'doomed', SkipFinalClusterSnapshot: true }));
    await first.stop();
    running.splice(0);
    expect(destroyedDatabases).not.toContain('doomed');

    await sleep(250);
    const second = await start(dirs);
    expect(destroyedDatabases).toContain('doomed');
    const error = await rejectionOf(second.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'doomed' })));
    expect(error.name).toBe('ClusterNotFoundFault');
    const saved = JSON.parse(readFileSync(join(dirs.stateDir, 'emulator-state.json'), 'utf8'));
    expect(saved.clusters).toEqual({});
  });

  it('lets two emulators on one state folder see each other’s changes', async () => {
    const dirs = makeTestDirs();
    dirsToRemove.push(dirs);
    const a = await start(dirs);
    const b = await start(dirs);
    await a.iam.send(new CreateRoleCommand({ RoleName: 'shared', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    expect((await b.iam.send(new GetRoleCommand({ RoleName: 'shared' }))).Role?.RoleName).toBe('shared');
    const duplicate = await rejectionOf(b.iam.send(new CreateRoleCommand({ RoleName: 'shared', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY })));
    expect(duplicate.name).toBe('EntityAlreadyExistsException');
  });

  it('refuses to start on a corrupt state file instead of forgetting everything', async () => {
    const dirs = makeTestDirs();
    dirsToRemove.push(dirs);
    mkdirSync(dirs.stateDir, { recursive: true });
    writeFileSync(join(dirs.stateDir, 'emulator-state.json'), '{"version":1,"roles":');
    await expect(startEmulator({ stateDir: dirs.stateDir, s3Root: dirs.s3Root })).rejects.toThrow(/not valid JSON/);
  });
});
