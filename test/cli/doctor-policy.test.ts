// `sparkify doctor`, `policy`, `pause` and `resume` as a user runs them (separate processes, no
// terminal): the doctor lists every check on the local target, and on each emulator account
// profile reports the matching failure with its fix; the policy is valid JSON scoped to dwh.cfg.
import { afterEach, describe, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const CHECK_IDS = ['identity', 'permissions', 'sources', 'source-region', 'network', 'role', 'cluster', 'cost'];

interface Report {
  ok: boolean;
  checks: Array<{ id: string; status: string; detail: string; fix?: string }>;
}

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

async function doctor(args: string[] = []): Promise<{ code: number | null; report: Report }> {
  ws ??= createWorkspace();
  const run = await runCli(['doctor', '--json', ...args], { cwd: ws.dir });
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

const check = (report: Report, id: string) => report.checks.find((c) => c.id === id)!;

describe('sparkify doctor', () => {
  it('--json on the local target lists every check, each passing, exit 0', async () => {
    const { code, report } = await doctor();
    expect(code).toBe(0);
    expect(report.checks.map((c) => c.id)).toEqual(CHECK_IDS);
    expect(report.checks.map((c) => c.status)).toEqual(CHECK_IDS.map(() => 'pass'));
    expect(report.ok).toBe(true);
  }, 60_000);

  it.each([
    ['data-api-managed-policy', 'permissions', 'fail', /GetClusterCredentials on .*dbuser:sparkify-dwh\/sparkify_admin/, /AmazonRedshiftDataFullAccess alone is not enough/, 1],
    ['no-pass-role', 'permissions', 'fail', /iam:PassRole on arn:aws:iam::123456789012:role\/sparkify-redshift-s3-read/, /sparkify policy/, 1],
    ['no-simulate', 'permissions', 'warn', /could not check/, /iam:SimulatePrincipalPolicy/, 0],
    ['no-default-vpc', 'network', 'warn', /no default VPC/, /CLUSTER_SUBNET_GROUP = sparkify-private/, 0],
    ['bucket-other-region', 'source-region', 'fail', /udacity-dend is in us-east-1/, /REGION = us-east-1/, 1],
  ])('--account %s: the %s check is %s, with its fix', async (account, id, status, detail, fix, exitCode) => {
    const { code, report } = await doctor(['--account', account]);
    expect(check(report, id)).toMatchObject({ status });
    expect(check(report, id).detail).toMatch(detail);
    expect(check(report, id).fix).toMatch(fix);
    expect(code).toBe(exitCode);
  }, 60_000);

  it('--account paused-cluster: up fails fast, the doctor then fails the cluster check with "sparkify resume"', async () => {
    ws = createWorkspace();
    const up = await runCli(['up', '--json', '--account', 'paused-cluster'], { cwd: ws.dir });
    expect(up.code).toBe(1);
    expect(parseNdjson(up.stdout).find((e) => e.type === 'error')).toMatchObject({ hint: expect.stringContaining('sparkify resume') });
    const { code, report } = await doctor(['--account', 'paused-cluster']);
    expect(check(report, 'cluster')).toMatchObject({ status: 'fail', fix: expect.stringContaining('sparkify resume') });
    expect(code).toBe(1);
  }, 90_000);
});

describe('sparkify policy', () => {
  it('prints valid IAM policy JSON naming GetClusterCredentials and PassRole scoped to the names in dwh.cfg', async () => {
    ws = createWorkspace();
    const run = await runCli(['policy'], { cwd: ws.dir });
    expect(run.code).toBe(0);
    const policy = JSON.parse(run.stdout) as { Version: string; Statement: Array<{ Effect: string; Action: string[]; Resource: string[] }> };
    expect(policy.Version).toBe('2012-10-17');
    const granting = (action: string) => policy.Statement.filter((s) => s.Action.includes(action)).flatMap((s) => s.Resource);
    expect(granting('redshift:GetClusterCredentials')).toEqual([
      'arn:aws:redshift:us-west-2:123456789012:dbuser:sparkify-dwh/sparkify_admin',
      'arn:aws:redshift:us-west-2:123456789012:dbname:sparkify-dwh/sparkify',
    ]);
    expect(granting('iam:PassRole')).toEqual(['arn:aws:iam::123456789012:role/sparkify-redshift-s3-read']);
    expect(policy.Statement.every((s) => s.Effect === 'Allow' && s.Resource.length > 0)).toBe(true);
  }, 60_000);
});

describe('sparkify pause / resume', () => {
  it('pauses and resumes the cluster sparkify created; status says what is billing', async () => {
    ws = createWorkspace();
    expect((await runCli(['up', '--yes'], { cwd: ws.dir })).code).toBe(0);
    const pause = await runCli(['pause', '--json'], { cwd: ws.dir });
    expect(pause.code).toBe(0);
    expect(parseNdjson(pause.stdout).filter((e) => e.type === 'cluster.status').map((e) => e.status).at(-1)).toBe('paused');
    const paused = await runCli(['status'], { cwd: ws.dir });
    expect(paused.stderr).toMatch(/billing: cluster sparkify-dwh is paused: only its managed storage is billed/);
    const resume = await runCli(['resume', '--json'], { cwd: ws.dir });
    expect(resume.code).toBe(0);
    expect(parseNdjson(resume.stdout).filter((e) => e.type === 'cluster.status').map((e) => e.status).at(-1)).toBe('available');
    expect((await runCli(['status'], { cwd: ws.dir })).stderr).toMatch(/billing: cluster sparkify-dwh \(available\) bills compute/);
  }, 120_000);
});
