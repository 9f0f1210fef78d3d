// Security by default, verified against what the emulator recorded: what sparkify asked AWS for,
// not what it says it asked for.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFRASTRUCTURE } from '../config/config-fixtures.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, recordEvents, type Workspace } from '../helpers/workspace.js';
import { openFaultyTarget, type FaultyTarget } from '../reliability/faulty-target.js';

const SECRETS = ['Passw0rd-Sup3rSecret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN'];

describe('what sparkify asks AWS for', () => {
  let ws: Workspace;
  let target: FaultyTarget;
  let configBefore: string;

  beforeAll(async () => {
    ws = createWorkspace();
    configBefore = readFileSync(ws.configPath, 'utf8');
    target = await openFaultyTarget(ws);
    await target.warehouse.ensureCluster(() => {});
    await target.warehouse.createTables(() => {});
    await target.warehouse.runEtl(() => {});
  });
  afterAll(async () => {
    await target?.close();
    ws?.remove();
  });
  const requests = (operation: string) => target.emulator.requests.filter((r) => r.operation === operation);

  it('a private, encrypted cluster with a managed master password and no ingress opened', () => {
    const [create] = requests('CreateCluster');
    expect(create.params).toMatchObject({ PubliclyAccessible: false, Encrypted: true, ManageMasterPassword: true });
    expect(create.params).not.toHaveProperty('MasterUserPassword');
    expect(create.params).not.toHaveProperty('VpcSecurityGroupIds');
    expect(create.params).not.toHaveProperty('ClusterSecurityGroups');
    const operations = new Set(target.emulator.requests.map((r) => r.operation));
    for (const op of operations) expect(op).not.toMatch(/Ingress|SecurityGroup|ModifyCluster$|Secret/);
  });

  it('no password anywhere: not in any request, dwh.cfg unchanged, the state file private and password-free', () => {
    expect(JSON.stringify(target.emulator.requests)).not.toMatch(/MasterUserPassword|DbPassword/);
    expect(readFileSync(ws.configPath, 'utf8')).toBe(configBefore);
    const stateFile = join(ws.stateDir, 'sparkify-state.json');
    expect(statSync(stateFile).mode & 0o077).toBe(0);
    expect(readFileSync(stateFile, 'utf8')).not.toMatch(/password|secret/i);
  });

  it('SQL runs through the Data API as the database user with temporary credentials', () => {
    const statements = [...requests('ExecuteStatement'), ...requests('BatchExecuteStatement')];
    expect(statements.length).toBeGreaterThan(20);
    for (const { params } of statements) {
      expect(params).toMatchObject({ ClusterIdentifier: 'sparkify-dwh', Database: 'sparkify', DbUser: 'sparkify_admin' });
      expect(params).not.toHaveProperty('SecretArn');
    }
  });

  it('the IAM role may only read the configured bucket', () => {
    const [put] = requests('PutRolePolicy');
    const policy = JSON.parse(String(put.params.PolicyDocument)) as { Statement: Array<{ Effect: string; Action: string[]; Resource: string[] }> };
    const actions = policy.Statement.flatMap((s) => s.Action);
    const resources = policy.Statement.flatMap((s) => s.Resource);
    expect(policy.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(new Set(actions)).toEqual(new Set(['s3:ListBucket', 's3:GetBucketLocation', 's3:GetObject']));
    expect(new Set(resources)).toEqual(new Set(['arn:aws:s3:::udacity-dend', 'arn:aws:s3:::udacity-dend/*']));
    expect(requests('AttachRolePolicy')).toEqual([]);
    const trust = JSON.parse(String(requests('CreateRole')[0].params.AssumeRolePolicyDocument));
    // Only Redshift, and only for this account's clusters (aws:SourceAccount: no confused deputy).
    expect(trust.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } },
    ]);
  });

  it('every created resource carries the sparkify:managed tag', () => {
    for (const operation of ['CreateRole', 'CreateCluster']) {
      // The request log turns the form value "true" into a boolean.
      for (const { params } of requests(operation)) expect(params.Tags, operation).toContainEqual({ Key: 'sparkify:managed', Value: true });
    }
  });
});

describe('teardown of resources sparkify did not create', () => {
  it('refuses to use or delete a same-named role and cluster without the tag', async () => {
    const ws = createWorkspace();
    const target = await openFaultyTarget(ws);
    try {
      const { iam, redshift } = target.warehouse.clients;
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: 'sparkify-redshift-s3-read', AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
      await redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'sparkify-dwh', NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'someone', ManageMasterPassword: true, IamRoles: [Role!.Arn!] }));
      const before = target.emulator.requests.length;

      // The doctor stops it before anything is called; past the doctor the role service refuses too.
      await expect(target.warehouse.ensureCluster(() => {})).rejects.toThrow(/IAM role: sparkify-redshift-s3-read exists but is not tagged sparkify:managed=true/);
      await expect(target.warehouse.ensureRole(() => {})).rejects.toThrow(/IAM role sparkify-redshift-s3-read exists but was not created by sparkify/);
      const recorder = recordEvents();
      await target.warehouse.teardown({}, recorder.emit);
      expect(recorder.of('notice').map((n) => n.message)).toEqual([
        'Leaving IAM role sparkify-redshift-s3-read (not created by sparkify) alone.',
        'Leaving cluster sparkify-dwh (not created by sparkify) alone.',
      ]);
      const mutations = target.emulator.requests.slice(before).filter((r) => /^(Delete|Put|Detach|Create|Modify|Tag|Untag)/.test(r.operation));
      expect(mutations).toEqual([]);
      const detected = await target.warehouse.detect();
      expect(detected.role).toMatchObject({ managed: false });
      expect(detected.cluster).toMatchObject({ managed: false, status: 'available' });
    } finally {
      await target.close();
      ws.remove();
    }
  });
});

describe('the emulator’s network exposure', () => {
  it('listens on 127.0.0.1 only: other interfaces of this machine refuse the port', async () => {
    const ws = createWorkspace();
    const target = await openFaultyTarget(ws);
    try {
      expect(target.emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal).map((i) => i!.address);
      for (const address of [...others, '::1']) {
        const outcome = await new Promise<string>((resolve) => {
          const socket = connect({ host: address, port: target.emulator.port, timeout: 2000 });
          socket.once('connect', () => { socket.destroy(); resolve('connected'); });
          socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
          socket.once('timeout', () => { socket.destroy(); resolve('timeout'); });
        });
        expect(outcome, address).not.toBe('connected');
      }
    } finally {
      await target.close();
      ws.remove();
    }
  });
});

describe('secrets in a course-layout dwh.cfg', () => {
  let ws: Workspace;
  let target: FaultyTarget;
  beforeAll(async () => {
    ws = createWorkspace();
    // The course's infrastructure file, with an AWS key pair and a master password, on the local target.
    writeFileSync(ws.configPath, `[TARGET]\nNAME = local\n${INFRASTRUCTURE}\n[LOCAL]\nS3_ROOT = ${ws.s3Root}\nSTATE_DIR = ${ws.stateDir}\n`);
    target = await openFaultyTarget(ws);
  });
  afterAll(async () => {
    await target?.close();
    ws?.remove();
  });

  it('are never sent, printed in --json output or errors, or stored', async () => {
    const env = { SPARKIFY_EMULATOR_ENDPOINT: target.emulator.endpoint };
    const up = await runCli(['up', '--yes', '--json'], { cwd: ws.dir, env });
    expect(up.code).toBe(0);
    const failing = await runCli(['query', '--json', "CREATE USER intruder PASSWORD 'Passw0rd-Sup3rSecret'"], { cwd: ws.dir, env });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/"type":"error"/);
    // COPY with key-based credentials, both spellings, failing so the SQL is echoed in the error.
    const keyCopy = await runCli(['query', '--json',
      `COPY nowhere FROM 's3://udacity-dend/log_data' ACCESS_KEY_ID 'AKIAEXAMPLE' SECRET_ACCESS_KEY '${SECRETS[1]}' SESSION_TOKEN '${SECRETS[2]}' JSON 'auto'`], { cwd: ws.dir, env });
    const credentialsCopy = await runCli(['query',
      `COPY nowhere FROM 's3://udacity-dend/log_data' CREDENTIALS 'aws_access_key_id=AKIAEXAMPLE;aws_secret_access_key=${SECRETS[1]};token=${SECRETS[2]}' JSON 'auto'`], { cwd: ws.dir, env });
    expect([keyCopy.code, credentialsCopy.code]).toEqual([1, 1]);
    const dryRun = await runCli(['run', '--dry-run', '--json'], { cwd: ws.dir, env });
    for (const output of [up, failing, keyCopy, credentialsCopy, dryRun]) {
      for (const secret of SECRETS) {
        expect(output.stdout).not.toContain(secret);
        expect(output.stderr).not.toContain(secret);
      }
    }
    expect(up.stdout).toMatch(/DWH_DB_PASSWORD|password/i); // the warning says to move it out, without its value
    const [create] = target.emulator.requests.filter((r) => r.operation === 'CreateCluster');
    expect(create.params).toMatchObject({ ManageMasterPassword: true });
    const recorded = JSON.stringify(target.emulator.requests.filter((r) => r.operation !== 'ExecuteStatement'));
    for (const secret of SECRETS) expect(recorded).not.toContain(secret);
    const stateFile = join(ws.stateDir, 'sparkify-state.json');
    expect(existsSync(stateFile)).toBe(true);
    for (const secret of SECRETS) expect(readFileSync(stateFile, 'utf8')).not.toContain(secret);
  });
});
