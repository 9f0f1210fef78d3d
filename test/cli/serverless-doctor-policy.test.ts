// `sparkify doctor`, `policy` and `run --dry-run` with [DWH] DEPLOYMENT = serverless, as separate
// processes: the doctor checks the namespace, workgroup and by-use cost; the policy grants the
// serverless calls instead of the cluster's; the dry run prints CreateNamespace/CreateWorkgroup.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

function serverlessWorkspace(): Workspace {
  const made = createWorkspace();
  writeFileSync(made.configPath, readFileSync(made.configPath, 'utf8').replace('[DWH]\n', '[DWH]\nDEPLOYMENT = serverless\n'));
  return made;
}

describe('serverless doctor, policy and dry run', () => {
  it('doctor --json checks the namespace, the workgroup and the by-use cost, all passing', async () => {
    ws = serverlessWorkspace();
    const run = await runCli(['doctor', '--json'], { cwd: ws.dir });
    const report = JSON.parse(run.stdout.split('\n')[0]) as { ok: boolean; checks: Array<{ id: string; status: string; detail: string }> };
    expect(run.code).toBe(0);
    expect(report.checks.map((c) => c.id)).toEqual(['identity', 'permissions', 'sources', 'source-region', 'network', 'role', 'namespace', 'workgroup', 'cost']);
    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(report.checks.find((c) => c.id === 'workgroup')?.detail).toMatch(/sparkify-wg does not exist yet; it will be created \(8 RPUs base, private\)/);
    expect(report.checks.find((c) => c.id === 'cost')?.detail).toMatch(/^\$0 on the local target\. On AWS: 8 RPUs at \$0\.375\/RPU-hour ≈ \$3\.00 per busy hour, nothing while idle/);
  });

  it('policy grants the serverless calls, GetCredentials and the Data API on workgroups, and no cluster calls', async () => {
    ws = serverlessWorkspace();
    const run = await runCli(['policy'], { cwd: ws.dir });
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout) as { Statement: Array<{ Action: string[]; Resource: string[] }> };
    const actions = policy.Statement.flatMap((s) => s.Action);
    const granting = (action: string) => policy.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);
    for (const op of ['CreateNamespace', 'CreateWorkgroup', 'GetWorkgroup', 'GetNamespace', 'DeleteWorkgroup', 'DeleteNamespace', 'TagResource', 'ListTagsForResource', 'GetCredentials']) {
      expect(actions).toContain(`redshift-serverless:${op}`);
    }
    expect(granting('redshift-data:ExecuteStatement')).toEqual([expect.stringMatching(/^arn:aws:redshift-serverless:us-west-2:\d{12}:workgroup\/\*$/)]);
    expect(granting('iam:PassRole')).toEqual([expect.stringMatching(/:role\/sparkify-redshift-s3-read$/)]);
    expect(actions).not.toContain('redshift:CreateCluster');
    expect(actions).not.toContain('redshift:GetClusterCredentials');
  });

  it('run --dry-run prints CreateNamespace and CreateWorkgroup and creates nothing', async () => {
    ws = serverlessWorkspace();
    const run = await runCli(['run', '--dry-run'], { cwd: ws.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\[dry-run\] redshift-serverless CreateNamespace .*"manageAdminPassword":true/);
    expect(run.stdout).toMatch(/\[dry-run\] redshift-serverless CreateWorkgroup .*"publiclyAccessible":false/);
    expect(run.stdout).not.toMatch(/CreateCluster/);
    const status = await runCli(['status'], { cwd: ws.dir });
    expect(status.stderr).toMatch(/workgroup: none/);
    expect(status.stderr).toMatch(/nothing is billing: no workgroup sparkify-wg and no namespace sparkify-ns/);
  });
});
