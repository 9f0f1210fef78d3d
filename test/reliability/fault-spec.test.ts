// The fault grammar and how the injector applies it: unit checks of the parser and the counting,
// then each fault kind over HTTP with the real SDK clients (so "the SDK's retries absorb it" is
// the SDK's own retry logic at work, not a fake).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultInjector, FaultSpecError, parseFaultSpec } from '../../src/emulator/faults/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { parseCliArgs } from '../../src/cli/args.js';
import { verifyCredentials } from '../../src/services/clients.js';
import { UserError } from '../../src/services/errors.js';

describe('the fault spec grammar', () => {
  it('parses the documented example, regexes with commas and colons included', () => {
    const rules = parseFaultSpec('throttle:redshift-data.DescribeStatement:0.3,5xx:iam.*:2,fail-create:Sparkify-DWH,fail-sql:/INSERT INTO (songplays|users), x:y/:1,slow:redshift-data:200ms');
    expect(rules.map((r) => r.kind)).toEqual(['throttle', '5xx', 'fail-create', 'fail-sql', 'slow']);
    expect(rules[0]).toMatchObject({ target: { service: 'redshift-data', operation: 'DescribeStatement' }, amount: { kind: 'rate', rate: 0.3 } });
    expect(rules[1]).toMatchObject({ target: { service: 'iam', operation: '*' }, amount: { kind: 'count', count: 2 } });
    expect(rules[2]).toMatchObject({ clusterIdentifier: 'sparkify-dwh', amount: { kind: 'count', count: 1 } });
    const failSql = rules[3] as Extract<(typeof rules)[number], { kind: 'fail-sql' }>;
    expect(failSql.pattern.test('insert into users, x:y')).toBe(true);
    expect(rules[4]).toMatchObject({ delayMs: 200, amount: { kind: 'every' } });
    expect(parseFaultSpec('5xx:s3:25%')[0]).toMatchObject({ amount: { kind: 'rate', rate: 0.25 } });
    expect(parseFaultSpec('')).toEqual([]);
  });

  it.each([
    ['explode:iam', /unknown kind "explode"/],
    ['throttle:dynamodb.GetItem', /unknown service "dynamodb"/],
    ['5xx:iam.*:1.5', /not a count .* a share/],
    ['5xx:iam.*:0', /at least 1/],
    ['slow:s3:fast', /200ms or 2s/],
    ['fail-sql:INSERT', /\/regular expression\//],
    ['fail-sql:/(unclosed/', /Bad fault rule/],
    ['fail-create:', /fail-create:<cluster identifier>/],
  ])('rejects %s, naming the rule', (spec, why) => {
    expect(() => parseFaultSpec(spec)).toThrow(FaultSpecError);
    expect(() => parseFaultSpec(spec)).toThrow(why);
  });

  it('is offered by `sparkify emulator --faults` only, with bad rules as usage errors', () => {
    expect(parseCliArgs(['emulator', '--faults', '5xx:iam.*:2']).faults).toHaveLength(1);
    expect(() => parseCliArgs(['emulator', '--faults', 'nope:x'])).toThrow(UserError);
    expect(() => parseCliArgs(['etl', '--faults', '5xx:iam.*:2'])).toThrow(/only to "sparkify emulator"/);
  });
});

describe('the fault injector', () => {
  it('hits the first N matches of a count and spreads a share evenly, the same way every time', () => {
    const pattern = (spec: string) => {
      const faults = new FaultInjector(spec);
      return Array.from({ length: 10 }, () => (faults.forRequest({ service: 'redshift-data', operation: 'DescribeStatement' }).error ? 'x' : '.')).join('');
    };
    expect(pattern('5xx:redshift-data.DescribeStatement:2')).toBe('xx........');
    expect(pattern('throttle:redshift-data.*:0.3')).toBe('...x..x..x');
    expect(pattern('throttle:redshift-data.*:0.3')).toBe(pattern('throttle:redshift-data.*:0.3'));
    expect(pattern('5xx:iam.*:*')).toBe('..........');
  });

  it('never fails the final SDK attempt with a share, but does with a count', () => {
    const share = new FaultInjector('5xx:s3:0.99');
    expect(share.forRequest({ service: 's3', operation: 'GetObject', attempt: 3, maxAttempts: 3 }).error).toBeUndefined();
    const count = new FaultInjector('5xx:s3:5');
    expect(count.forRequest({ service: 's3', operation: 'GetObject', attempt: 3, maxAttempts: 3 }).error?.httpStatus).toBe(500);
  });
});

describe('faults over HTTP with the real SDK', () => {
  let emulator: RunningEmulator | undefined;
  let root: string | undefined;
  afterEach(async () => {
    await emulator?.close();
    if (root) rmSync(root, { recursive: true, force: true });
    emulator = root = undefined;
  });
  async function start(faults: string) {
    root = mkdtempSync(join(tmpdir(), 'sparkify-faults-'));
    emulator = await startEmulator({ stateDir: join(root, 'state'), s3Root: join(root, 's3'), faults, delays: { clusterCreateMs: 0 } });
    const settings = { region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } };
    return { sts: new STSClient({ ...settings, maxAttempts: 3 }), redshift: new RedshiftClient(settings) };
  }

  it('a 5xx the SDK retries through: three attempts recorded, two failed, the call succeeds', async () => {
    const { sts } = await start('5xx:sts.*:2');
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    expect(Account).toBe('123456789012');
    expect(emulator!.requests.map((r) => r.faults?.[0] ?? 'ok')).toEqual(['5xx:sts.*:2', '5xx:sts.*:2', 'ok']);
  });

  it('throttling that outlasts the retries becomes a clear UserError, not a stack trace', async () => {
    const { sts } = await start('throttle:sts.GetCallerIdentity:*');
    const error = await verifyCredentials(sts).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/Checking the AWS credentials failed: AWS kept throttling .*Throttling/);
    expect((error as UserError).hint).toMatch(/run the same command again/);
    expect(emulator!.requests).toHaveLength(3);
  });

  it('slow delays each matching request by the given time', async () => {
    const { sts } = await start('slow:sts:300ms');
    const started = Date.now();
    await sts.send(new GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('fail-create answers InsufficientClusterCapacity once and records nothing, then creates', async () => {
    const { redshift } = await start('fail-create:sparkify-dwh');
    const create = () => redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'sparkify-dwh', NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'admin', ManageMasterPassword: true }));
    await expect(create()).rejects.toMatchObject({ name: 'InsufficientClusterCapacityFault' });
    expect((await create()).Cluster?.ClusterStatus).toBe('available');
    expect(emulator!.faults.injected.map((f) => f.kind)).toEqual(['fail-create']);
  });
});
