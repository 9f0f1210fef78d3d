// Only the tool's own clients are served, and the request parsers cannot be turned against the
// process. Every attack is a raw HTTP request as a web page (through the browser) or a local
// process would send it; the SDK, the AWS CLI and boto3 keep working.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, signed, signedForm } from '../helpers/raw-http.js';
import { CLUSTER, INTERNALS, openAttackTarget, type AttackTarget } from './attack-kit.js';

const run = promisify(execFile);
const DELETE_CLUSTER = `Action=DeleteCluster&Version=2012-12-01&ClusterIdentifier=${CLUSTER}&SkipFinalClusterSnapshot=true`;

describe('only the tool’s own clients are served', () => {
  let t: AttackTarget;
  beforeAll(async () => {
    t = await openAttackTarget();
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });
  const clusterStillThere = async () => (await t.redshift.send(new DescribeClustersCommand({}))).Clusters!.map((c) => c.ClusterIdentifier);
  const port = () => t.emulator.port;

  it('refuses a GET with ?Action= (an <img> tag on any web page) and leaves the cluster alone', async () => {
    const response = await rawRequest(port(), { path: `/?${DELETE_CLUSTER}`, headers: { host: `127.0.0.1:${port()}` } });
    expect(response.status).toBe(403);
    expect(response.body).toContain('<ErrorResponse');
    // Even signed, awsQuery is a POST with a form body: the SDKs never send a GET.
    const signedGet = await rawRequest(port(), { path: `/?${DELETE_CLUSTER}`, headers: signed(port()) });
    expect(signedGet.status).toBe(403);
    expect(await clusterStillThere()).toEqual([CLUSTER]);
    expect(t.emulator.requests.some((r) => r.operation === 'DeleteCluster')).toBe(false);
  });

  it('refuses a cross-origin form POST (no signature, an Origin) and answers no CORS preflight', async () => {
    const form = await rawRequest(port(), {
      method: 'POST', path: '/', body: DELETE_CLUSTER,
      headers: { host: `127.0.0.1:${port()}`, origin: 'http://attacker.example.com', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(403);
    const unsigned = await rawRequest(port(), { method: 'POST', path: '/', body: DELETE_CLUSTER, headers: { host: `127.0.0.1:${port()}`, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>');
    const preflight = await rawRequest(port(), {
      method: 'OPTIONS', path: '/',
      headers: { host: `127.0.0.1:${port()}`, origin: 'http://attacker.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-amz-target' },
    });
    expect(preflight.status).toBe(403);
    for (const response of [form, unsigned, preflight]) {
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(await clusterStillThere()).toEqual([CLUSTER]);
  });

  it('refuses a signed request whose Host is not this emulator (DNS rebinding), before running anything', async () => {
    const before = t.emulator.requests.length;
    for (const host of ['attacker.example.com', `attacker.example.com:${port()}`, `127.0.0.1:${port() + 1}`, '127.0.0.1']) {
      const sql = await rawRequest(port(), {
        method: 'POST', path: '/', body: JSON.stringify({ ClusterIdentifier: CLUSTER, Database: 'dev', DbUser: 'admin', Sql: 'select 1' }),
        headers: signed(port(), { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RedshiftData.ExecuteStatement' }),
      });
      expect(sql.status, host).toBe(403);
      const s3 = await rawRequest(port(), { path: '/udacity-dend?list-type=2', headers: signed(port(), { host }) });
      expect(s3.status, host).toBe(403);
      expect(s3.body).toContain('<Code>AccessDenied</Code>');
    }
    expect(t.emulator.requests.length).toBe(before);
  });

  it('needs the SDK signature on S3 GETs too', async () => {
    const response = await rawRequest(port(), { path: '/udacity-dend?list-type=2', headers: { host: `127.0.0.1:${port()}` } });
    expect(response.status).toBe(403);
    expect(response.body).toContain('<Code>AccessDenied</Code>');
  });

  it('keeps serving the AWS CLI and boto3 (SigV4 from botocore)', async () => {
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-west-2', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
    const endpoint = t.emulator.endpoint;
    const cli = await run('aws', ['--endpoint-url', endpoint, 'redshift', 'describe-clusters', '--output', 'json'], { env }).catch((err: Error) => err);
    if (cli instanceof Error && /ENOENT/.test(cli.message)) return; // no AWS CLI on this machine
    expect(cli).not.toBeInstanceOf(Error);
    expect(JSON.parse((cli as { stdout: string }).stdout).Clusters[0].ClusterIdentifier).toBe(CLUSTER);
    mkdirSync(join(t.dirs.s3Root, 'cli-bucket'), { recursive: true });
    writeFileSync(join(t.dirs.s3Root, 'cli-bucket', 'hello.txt'), 'hello from S3_ROOT');
    const copied = await run('aws', ['--endpoint-url', endpoint, 's3', 'cp', 's3://cli-bucket/hello.txt', '-'], { env });
    expect(copied.stdout).toBe('hello from S3_ROOT');
    const script = `import boto3; c = boto3.client('sts', endpoint_url='${endpoint}'); print(c.get_caller_identity()['Account'])`;
    const boto = await run('python3', ['-c', script], { env }).catch((err: Error) => err);
    expect(boto).not.toBeInstanceOf(Error);
    expect((boto as { stdout: string }).stdout.trim()).toMatch(/^\d{12}$/);
  }, 60_000);
});

describe('the request parsers cannot be turned against the process', () => {
  let t: AttackTarget;
  beforeAll(async () => {
    t = await openAttackTarget();
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });
  const port = () => t.emulator.port;

  it('refuses parameter names that reach an object prototype, and object state is unchanged', async () => {
    for (const name of ['__proto__.ClusterIdentifier', 'constructor.prototype.ClusterIdentifier', 'Tags.member.1.__proto__']) {
      const response = await signedForm(port(), `Action=GetCallerIdentity&Version=2011-06-15&${name}=a`);
      expect(response.status, name).toBe(400);
      expect(response.body).toContain('<Code>ValidationError</Code>');
    }
    expect(({} as Record<string, unknown>).ClusterIdentifier).toBeUndefined();
    const clusters = await signedForm(port(), 'Action=DescribeClusters&Version=2012-12-01');
    expect(clusters.status).toBe(200);
    expect(clusters.body).toContain(`<ClusterIdentifier>${CLUSTER}</ClusterIdentifier>`);
  });

  it('answers a huge list index with a ValidationError at once instead of blocking the process', async () => {
    const started = Date.now();
    for (const index of ['1000000000', '4294967294', '0']) {
      const response = await signedForm(port(), `Action=DescribeTags&Version=2012-12-01&TagKeys.member.${index}=x`);
      expect(response.status, index).toBe(400);
      expect(response.body).toContain('<Code>ValidationError</Code>');
    }
    const many = Array.from({ length: 6000 }, (_, i) => `P${i}=x`).join('&');
    const flood = await signedForm(port(), `Action=DescribeTags&Version=2012-12-01&${many}`);
    expect(flood.status).toBe(400);
    expect(flood.body).toContain('<Code>ValidationError</Code>');
    // Before the bound, the first of these alone held the process for about 30 s.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('answers a malformed URL with 400 InvalidURI in S3 XML, and no response carries a stack or a source path', async () => {
    const response = await rawRequest(port(), { path: '/udacity-dend/%', headers: signed(port()) });
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidURI</Code>');
    const operationNames = await Promise.all([
      rawRequest(port(), { path: '/udacity-dend/%E0%A4%A', headers: signed(port()) }),
      signedForm(port(), 'Action=toString&Version=constructor'),
      signedForm(port(), 'Action=constructor&Version=2012-12-01'),
      t.dataApi('constructor', {}).then(({ status, body }) => ({ status, body: JSON.stringify(body) })),
      t.dataApi('ExecuteStatement', JSON.parse('{"__proto__": {"Sql": "select 1"}}')).then(({ status, body }) => ({ status, body: JSON.stringify(body) })),
    ]);
    for (const answer of [response, ...operationNames]) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toMatch(INTERNALS);
    }
  });
});
