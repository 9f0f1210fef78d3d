// The classic course notebook, replayed with boto3 against the emulator end to end: role, policy,
// cluster, wait, describe, open the port, query via Redshift Data, delete, detach, delete role.
import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../emulator/control-plane/helpers.js';
import { clientEnv, pythonWithBoto3 } from './third-party-clients.js';

const python = pythonWithBoto3();

function run(cmd: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: clientEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!python)(`course notebook flow with boto3${python ? '' : ' (skipped: no python3 with boto3 on this machine; .ci/run installs python3-boto3)'}`, () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
    cpSync('data/s3/udacity-dend', join(t.dirs.s3Root, 'udacity-dend'), { recursive: true });
  });
  afterAll(async () => t?.stop());

  it('creates, uses and tears down the warehouse as the notebook does', async () => {
    const r = await run(python!, [join(__dirname, 'notebook_flow.py'), t.emulator.endpoint]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.roleArn).toBe('arn:aws:iam::123456789012:role/dwhRole');
    expect(out.roles).toEqual(['dwhRole']);
    expect(out.logObjects).toBe(30);
    expect(out.cluster).toEqual({ ClusterIdentifier: 'dwhcluster', NodeType: 'dc2.large', ClusterStatus: 'available', MasterUsername: 'dwhuser', DBName: 'dwh', VpcId: expect.stringMatching(/^vpc-/), NumberOfNodes: 4 });
    // The local cluster's endpoint is where its PostgreSQL server really listens.
    expect(out.endpoint).toMatch(/^127\.0\.0\.1$/);
    expect(out.iamRoles).toEqual([out.roleArn]);
    expect(out.ingress).toEqual([['tcp', 5439, '0.0.0.0/0']]);
    expect(out.duplicateIngress).toBe('InvalidPermission.Duplicate');
    expect(out.sessionStatuses).toEqual(['FINISHED', 'FINISHED', 'FINISHED', 'FINISHED']);
    expect(out.csv).toBe('n,artists\n71,69\n');
    expect(out.jsonOfCsv).toBe('ValidationException');
    expect(out.badId).toBe('ValidationException');
    expect(out.rolesAfter).toEqual([]);
    // The emulator saw every call, and nothing but loopback was used.
    const ec2 = t.emulator.requests.filter((q) => q.service === 'ec2').map((q) => q.operation);
    expect(ec2).toContain('AuthorizeSecurityGroupIngress');
  }, 120_000);
});
