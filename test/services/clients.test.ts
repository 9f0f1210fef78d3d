import { describe, expect, it } from 'vitest';
import { createAwsClients, verifyCredentials } from '../../src/services/clients.js';
import { UserError } from '../../src/services/errors.js';
import type { SparkifyConfig } from '../../src/config/index.js';
import { startEmulatorFixture } from './emulator-fixture.js';

type ClientConfig = Pick<SparkifyConfig, 'target' | 'aws' | 's3' | 'secrets'>;

function config(overrides: Partial<ClientConfig> & { secrets?: SparkifyConfig['secrets'] } = {}): ClientConfig {
  return {
    target: 'local',
    aws: { region: 'eu-central-1', credentials: 'default-chain' },
    s3: { logData: 's3://b/l', logJsonPath: 's3://b/p.json', songData: 's3://b/s', region: 'us-west-2' },
    secrets: {},
    ...overrides,
  };
}

describe('createAwsClients', () => {
  it('points every client at the emulator with dummy credentials; S3 path-style in the bucket region', async () => {
    const clients = createAwsClients(config(), { endpoint: 'http://127.0.0.1:4599' });
    for (const client of [clients.iam, clients.redshift, clients.redshiftData, clients.sts]) {
      expect(await client.config.region()).toBe('eu-central-1');
      const endpoint = await client.config.endpoint!();
      expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe('http://127.0.0.1:4599');
      expect((await client.config.credentials()).accessKeyId).toBe('sparkify-local');
    }
    expect(await clients.s3.config.region()).toBe('us-west-2');
    expect(clients.s3.config.forcePathStyle).toBe(true);
  });

  it('retries more where polling happens', async () => {
    const clients = createAwsClients(config(), { endpoint: 'http://127.0.0.1:4599' });
    expect(await clients.redshiftData.config.maxAttempts()).toBe(5);
    expect(((await clients.redshiftData.config.retryStrategy()) as { mode?: string }).mode).toBe('adaptive');
    expect(await clients.redshift.config.maxAttempts()).toBe(5);
    expect(await clients.iam.config.maxAttempts()).toBe(5);
    expect(await clients.s3.config.maxAttempts()).toBe(3);
  });

  it('refuses the local target without an emulator endpoint', () => {
    expect(() => createAwsClients(config())).toThrow(UserError);
  });

  it('uses keys from dwh.cfg on the aws target only when the loader chose them', async () => {
    const secrets = { accessKeyId: 'AKIAFILE', secretAccessKey: 'file-secret' };
    const fromFile = createAwsClients(config({ target: 'aws', aws: { region: 'us-west-2', credentials: 'config-file' }, secrets }));
    expect(await fromFile.redshift.config.credentials()).toMatchObject({ accessKeyId: 'AKIAFILE', secretAccessKey: 'file-secret' });
    expect(fromFile.s3.config.forcePathStyle).toBe(false);

    // 'default-chain': the keys are ignored even though present.
    const chain = createAwsClients(config({ target: 'aws', aws: { region: 'us-west-2', credentials: 'default-chain' }, secrets }));
    const previous = { ...process.env };
    try {
      process.env.AWS_ACCESS_KEY_ID = 'AKIAENV';
      process.env.AWS_SECRET_ACCESS_KEY = 'env-secret';
      expect((await chain.redshift.config.credentials()).accessKeyId).toBe('AKIAENV');
    } finally {
      process.env = previous;
    }
  });
});

describe('verifyCredentials', () => {
  it('answers who the credentials belong to', async () => {
    const fx = await startEmulatorFixture();
    try {
      const identity = await verifyCredentials(fx.clients.sts);
      expect(identity.account).toMatch(/^\d{12}$/);
      expect(identity.arn).toMatch(/^arn:aws:/);
    } finally {
      await fx.close();
    }
  });
});
