// Starts an emulator on a fresh temp state folder and S3 root, with SDK clients pointed at it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IAMClient } from '@aws-sdk/client-iam';
import { RedshiftClient } from '@aws-sdk/client-redshift';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { EmulatorDelays } from '../../../src/emulator/contracts.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/index.js';
import { withConformance } from '../../helpers/sdk-conformance.js';

export const REDSHIFT_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

export interface TestDirs {
  root: string;
  stateDir: string;
  s3Root: string;
  remove(): void;
}

export function makeTestDirs(): TestDirs {
  const root = mkdtempSync(join(tmpdir(), 'sparkify-emulator-'));
  return {
    root,
    stateDir: join(root, 'state'),
    s3Root: join(root, 's3'),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function clientConfig(endpoint: string) {
  return {
    region: 'us-west-2',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // A failing request should fail at once in tests rather than be retried.
    maxAttempts: 1,
  };
}

export interface TestEmulator {
  emulator: RunningEmulator;
  dirs: TestDirs;
  iam: IAMClient;
  redshift: RedshiftClient;
  sts: STSClient;
  s3: S3Client;
  stop(): Promise<void>;
}

export async function startTestEmulator(
  delays: Partial<EmulatorDelays> = { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0 },
  dirs: TestDirs = makeTestDirs(),
): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, stateDir: dirs.stateDir, s3Root: dirs.s3Root, delays });
  const config = clientConfig(emulator.endpoint);
  const clients = {
    // Every response is checked against the SDK's model (test/helpers/sdk-conformance.ts).
    iam: withConformance(new IAMClient(config)),
    redshift: withConformance(new RedshiftClient(config)),
    sts: withConformance(new STSClient(config)),
    s3: withConformance(new S3Client({ ...config, forcePathStyle: true })),
  };
  return {
    emulator,
    dirs,
    ...clients,
    async stop() {
      for (const client of Object.values(clients)) client.destroy();
      await emulator.close();
    },
  };
}

/** Resolves with the error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
