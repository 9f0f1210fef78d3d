// [DWH] DEPLOYMENT = serverless through the real services, SDK clients and emulator: namespace and
// workgroup created tagged and private, SQL on the workgroup, the same counts as the cluster,
// resume, plan, dry-run, refusal of untagged resources, and teardown workgroup-then-namespace.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateNamespaceCommand, CreateWorkgroupCommand, GetNamespaceCommand, GetWorkgroupCommand, ListTagsForResourceCommand } from '@aws-sdk/client-redshift-serverless';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import type { Warehouse } from '../../src/workflow/warehouse.js';
import { createWorkspace, openTestWarehouse, recordEvents, type Workspace } from '../helpers/workspace.js';

const EXPECTED_COUNTS = { staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, songs: 71, artists: 69, time: 6813 };

export function serverlessWorkspace(extra = ''): Workspace {
  const ws = createWorkspace();
  writeFileSync(ws.configPath, readFileSync(ws.configPath, 'utf8').replace('[DWH]\n', `[DWH]\nDEPLOYMENT = serverless\nBASE_CAPACITY = 16\n${extra}`));
  return ws;
}

let ws: Workspace | undefined;
let warehouse: Warehouse | undefined;
afterEach(async () => {
  await warehouse?.close();
  ws?.remove();
  warehouse = ws = undefined;
});

describe('the serverless deployment', () => {
  it('creates a tagged private namespace and workgroup, loads the sample with the cluster’s counts, and tears both down', async () => {
    ws = serverlessWorkspace();
    warehouse = await openTestWarehouse(ws);
    const rec = recordEvents();
    const up = await warehouse.ensureCluster(rec.emit);
    expect(up.created).toBe(true);
    expect(rec.of('cluster.status').map((e) => [e.clusterId, e.status])).toContainEqual(['sparkify-wg', 'available']);

    const sls = warehouse.clients.redshiftServerless;
    const { namespace } = await sls.send(new GetNamespaceCommand({ namespaceName: 'sparkify-ns' }));
    expect(namespace).toMatchObject({ adminUsername: 'sparkify_admin', dbName: 'sparkify', defaultIamRoleArn: expect.stringMatching(/role\/sparkify-redshift-s3-read$/) });
    expect(namespace?.adminPasswordSecretArn).toMatch(/^arn:aws:secretsmanager:/);
    const { workgroup } = await sls.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }));
    expect(workgroup).toMatchObject({ namespaceName: 'sparkify-ns', baseCapacity: 16, publiclyAccessible: false, status: 'AVAILABLE' });
    for (const arn of [namespace!.namespaceArn!, workgroup!.workgroupArn!]) {
      expect((await sls.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toContainEqual({ key: 'sparkify:managed', value: 'true' });
    }
    // No cluster anywhere: the provisioned path was not taken.
    expect((await warehouse.clients.redshift.send(new DescribeClustersCommand({}))).Clusters ?? []).toEqual([]);

    await warehouse.createTables(rec.emit);
    const summary = await warehouse.runEtl(rec.emit);
    expect(summary.counts).toEqual(EXPECTED_COUNTS);
    expect(summary.ok).toBe(true);

    const detected = await warehouse.detect();
    expect(detected).toMatchObject({ cluster: { identifier: 'sparkify-wg', status: 'available', managed: true }, lastStep: 'checks', counts: { songplays: 6820 } });
    expect(detected.billing?.join('\n')).toMatch(/RPU-hour only while queries run/);
    expect((await warehouse.query('select count(*) as n from songplays')).rows).toEqual([[6820]]);

    // Resume: a second `up` reuses both.
    const again = await warehouse.ensureCluster(rec.emit);
    expect(again.created).toBe(false);

    const plan = await warehouse.teardownPlan();
    expect(plan.serverless).toEqual({ workgroup: { name: 'sparkify-wg', status: 'available' }, namespace: { name: 'sparkify-ns', status: 'available' } });
    const down = recordEvents();
    await warehouse.teardown({}, down.emit);
    const statuses = down.of('cluster.status').map((e) => `${e.clusterId}:${e.status}`);
    expect(statuses.indexOf('sparkify-wg:deleted')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('sparkify-wg:deleted')).toBeLessThan(statuses.indexOf('sparkify-ns:deleted'));
    await expect(sls.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(sls.send(new GetNamespaceCommand({ namespaceName: 'sparkify-ns' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await warehouse.teardownPlan()).toMatchObject({ cluster: undefined, role: undefined, untouched: [] });
  });

  it('plans the serverless resources with their cost model, and a dry run prints CreateNamespace and CreateWorkgroup', async () => {
    ws = serverlessWorkspace('MAX_CAPACITY = 64\n');
    warehouse = await openTestWarehouse(ws, { dryRun: true });
    const plan = await warehouse.plan();
    expect(plan.resources.filter((r) => r.kind !== 'table').map((r) => [r.kind, r.name, r.action])).toEqual([
      ['iam-role', 'sparkify-redshift-s3-read', 'create'],
      ['namespace', 'sparkify-ns', 'create'],
      ['workgroup', 'sparkify-wg', 'create'],
    ]);
    expect(plan.costPerHourUsd).toBe(0);
    expect(plan.awsCostPerHourUsd).toBe(6);
    expect(plan.serverless).toMatchObject({ baseCapacity: 16, maxCapacity: 64, usdPerRpuHour: 0.375, estimatedLoadUsd: 0 });
    expect(plan.serverless?.costModel).toMatch(/RPU-hour while queries run.*GB-month storage.*this load ≈ 5 min ≈ \$0\.50.*local target costs nothing/);

    const rec = recordEvents();
    await warehouse.ensureCluster(rec.emit);
    const dry = rec.of('dry-run').filter((e) => e.service === 'redshift-serverless');
    expect(dry.map((e) => e.operation)).toEqual(['CreateNamespace', 'CreateWorkgroup']);
    expect(dry[0].params).toMatchObject({ namespaceName: 'sparkify-ns', adminUsername: 'sparkify_admin', manageAdminPassword: true, dbName: 'sparkify', tags: [{ key: 'sparkify:managed', value: 'true' }] });
    expect(JSON.stringify(dry[0].params)).not.toMatch(/adminUserPassword/);
    expect(dry[1].params).toMatchObject({ workgroupName: 'sparkify-wg', baseCapacity: 16, maxCapacity: 64, publiclyAccessible: false });
    expect(await warehouse.clients.redshiftServerless.send(new GetNamespaceCommand({ namespaceName: 'sparkify-ns' })).catch((e: Error) => e.name)).toBe('ResourceNotFoundException');
  });

  it('refuses a same-named namespace it did not tag, and leaves it alone at teardown', async () => {
    ws = serverlessWorkspace();
    warehouse = await openTestWarehouse(ws);
    await warehouse.clients.redshiftServerless.send(new CreateNamespaceCommand({ namespaceName: 'sparkify-ns', adminUsername: 'someone', manageAdminPassword: true }));
    const rec = recordEvents();
    // The doctor stops the run before anything is created…
    await expect(warehouse.ensureCluster(rec.emit)).rejects.toThrow(/sparkify doctor found 1 problem[\s\S]*namespace: sparkify-ns exists but is not tagged sparkify:managed=true/);
    await warehouse.close();
    // …and without it the service refuses the namespace itself.
    warehouse = await openTestWarehouse(ws, { ignoreDoctor: true });
    await expect(warehouse.ensureCluster(rec.emit)).rejects.toMatchObject({
      message: 'Redshift Serverless namespace sparkify-ns exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be used.',
      hint: 'Set [DWH] NAMESPACE_NAME in dwh.cfg to a name not in use.',
    });
    const plan = await warehouse.teardownPlan();
    expect(plan.untouched).toContain('namespace sparkify-ns (not created by sparkify)');
    expect(plan.serverless).toBeUndefined();
  });

  it('refuses an untagged workgroup in its own namespace, and keeps that namespace at teardown', async () => {
    ws = serverlessWorkspace();
    warehouse = await openTestWarehouse(ws, { ignoreDoctor: true });
    const sls = warehouse.clients.redshiftServerless;
    await warehouse.ensureCluster(() => {});
    await warehouse.teardown({}, () => {});
    await sls.send(new CreateNamespaceCommand({ namespaceName: 'sparkify-ns', adminUsername: 'x', manageAdminPassword: true, tags: [{ key: 'sparkify:managed', value: 'true' }] }));
    await sls.send(new CreateWorkgroupCommand({ workgroupName: 'sparkify-wg', namespaceName: 'sparkify-ns', baseCapacity: 8 }));
    await expect(warehouse.ensureCluster(() => {})).rejects.toMatchObject({
      message: 'Redshift Serverless workgroup sparkify-wg exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be used.',
      hint: 'Set [DWH] WORKGROUP_NAME in dwh.cfg to a name not in use.',
    });
    const plan = await warehouse.teardownPlan();
    expect(plan.cluster).toBeUndefined();
    expect(plan.untouched).toContain('workgroup sparkify-wg (not created by sparkify)');
    expect(plan.untouched).toContain('namespace sparkify-ns (workgroup sparkify-wg, not created by sparkify, uses it)');
    expect(plan.serverless).toBeUndefined();
  });

  it('reports every status change: workgroup creating → available; at teardown workgroup deleting → deleted, then namespace deleting → deleted', async () => {
    ws = serverlessWorkspace();
    warehouse = await openTestWarehouse(ws, { emulatorDelays: { clusterCreateMs: 1500, clusterDeleteMs: 2000 } });
    const up = recordEvents();
    await warehouse.ensureCluster(up.emit);
    expect(up.of('cluster.status').map((e) => `${e.resource}:${e.status}`)).toEqual(['workgroup:creating', 'workgroup:available']);
    const down = recordEvents();
    await warehouse.teardown({ finalSnapshotId: 'sparkify-final' }, down.emit);
    expect(down.of('cluster.status').map((e) => `${e.resource} ${e.clusterId}:${e.status}`)).toEqual([
      'workgroup sparkify-wg:deleting',
      'workgroup sparkify-wg:deleted',
      'namespace sparkify-ns:deleting',
      'namespace sparkify-ns:deleted',
    ]);
    expect(down.of('notice').map((e) => e.message)).toContainEqual(expect.stringMatching(/Snapshot sparkify-final of namespace sparkify-ns is kept and billed/));
  });
});
