// The AWS CLI (v1) against the emulator: the Data API calls of issue 15 (CSV results, sessions, a
// malformed Id), `aws s3 ls`, and describe-clusters as the notebook's readers use them.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import { REDSHIFT_TRUST_POLICY, startTestEmulator, type TestEmulator } from '../emulator/control-plane/helpers.js';
import { awsCli, clientEnv } from './third-party-clients.js';

const aws = awsCli();

describe.skipIf(!aws)(`AWS CLI against the emulator${aws ? '' : ' (skipped: no `aws` on PATH; .ci/run installs awscli)'}`, { timeout: 180_000 }, () => {
  let t: TestEmulator;
  const cli = (...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; json: () => any }> => new Promise((resolve) => {
    const child = spawn(aws!, [...args, '--endpoint-url', t.emulator.endpoint, '--output', 'json'], { env: clientEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
  async function finished(id: string): Promise<any> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const d = (await cli('redshift-data', 'describe-statement', '--id', id)).json();
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status)) return d;
      if (Date.now() > deadline) throw new Error(`statement ${id} is still ${d.Status}`);
    }
  }

  beforeAll(async () => {
    t = await startTestEmulator();
    mkdirSync(join(t.dirs.s3Root, 'udacity-dend', 'song_data'), { recursive: true });
    writeFileSync(join(t.dirs.s3Root, 'udacity-dend', 'song_data', 'a.json'), '{}');
    const role = await t.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    await t.redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'cli-dwh', NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd!', DBName: 'dev', ClusterType: 'single-node', IamRoles: [role.Role!.Arn!] }));
    await waitUntilClusterAvailable({ client: t.redshift, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: 'cli-dwh' });
  });
  afterAll(async () => t?.stop());

  it('runs a CSV statement and reads it with get-statement-result-v2', async () => {
    const start = await cli('redshift-data', 'execute-statement', '--cluster-identifier', 'cli-dwh', '--database', 'dev', '--db-user', 'awsuser',
      '--result-format', 'CSV', '--sql', "SELECT 1 AS id, 'a,b' AS txt");
    expect(start.code, start.stderr).toBe(0);
    const d = await finished(start.json().Id);
    expect(d.ResultFormat).toBe('CSV');
    const v2 = await cli('redshift-data', 'get-statement-result-v2', '--id', d.Id);
    expect(v2.code, v2.stderr).toBe(0);
    expect(v2.json().Records).toEqual([{ CSVRecords: 'id,txt\n1,"a,b"\n' }]);
    const v1 = await cli('redshift-data', 'get-statement-result', '--id', d.Id);
    expect(v1.code).not.toBe(0);
    expect(v1.stderr).toMatch(/ValidationException/);
  });

  it('keeps a session across calls', async () => {
    const first = await cli('redshift-data', 'execute-statement', '--cluster-identifier', 'cli-dwh', '--database', 'dev', '--db-user', 'awsuser',
      '--session-keep-alive-seconds', '60', '--sql', 'CREATE TEMP TABLE t (n INT)');
    const sessionId = first.json().SessionId;
    expect(sessionId).toMatch(/^[a-z0-9-]{36}$/);
    await finished(first.json().Id);
    const insert = await cli('redshift-data', 'execute-statement', '--session-id', sessionId, '--sql', 'INSERT INTO t VALUES (7)');
    expect((await finished(insert.json().Id)).Status).toBe('FINISHED');
    const select = await cli('redshift-data', 'execute-statement', '--session-id', sessionId, '--sql', 'SELECT n FROM t');
    await finished(select.json().Id);
    expect((await cli('redshift-data', 'get-statement-result', '--id', select.json().Id)).json().Records).toEqual([[{ longValue: 7 }]]);
  });

  it('answers a malformed statement Id with ValidationException', async () => {
    const r = await cli('redshift-data', 'describe-statement', '--id', 'test');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/ValidationException.*Member must satisfy regular expression pattern/);
  });

  it('lists buckets with `aws s3 ls` and keys with `aws s3 ls s3://bucket/prefix/`', async () => {
    const buckets = await cli('s3', 'ls');
    expect(buckets.code, buckets.stderr).toBe(0);
    expect(buckets.stdout).toMatch(/udacity-dend\n/);
    const keys = await cli('s3', 'ls', 's3://udacity-dend/song_data/');
    expect(keys.code, keys.stderr).toBe(0);
    expect(keys.stdout).toMatch(/\s2 a\.json\n/);
  });

  it('describes the cluster with its VpcId', async () => {
    const r = await cli('redshift', 'describe-clusters', '--cluster-identifier', 'cli-dwh');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().Clusters[0].VpcId).toMatch(/^vpc-/);
  });
});
