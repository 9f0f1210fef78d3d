// Starts the local AWS emulator on an ephemeral port with temp folders and builds the real SDK
// clients against it through createAwsClients (so the local-target client settings are exercised).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorDelays } from '../../src/emulator/contracts.js';
import { startEmulator } from '../../src/emulator/index.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/services/clients.js';
import type { ProgressEvent } from '../../src/workflow/events.js';
import { withConformance } from '../helpers/sdk-conformance.js';

export interface EmulatorFixture {
  clients: AwsClients;
  endpoint: string;
  s3Root: string;
  stateDir: string;
  requests: Array<{ service: string; operation: string; params: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startEmulatorFixture(delays: Partial<EmulatorDelays> = {}): Promise<EmulatorFixture> {
  const root = mkdtempSync(join(tmpdir(), 'sparkify-services-'));
  const stateDir = join(root, 'state');
  const s3Root = join(root, 's3');
  const emulator = await startEmulator({ stateDir, s3Root, delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0, ...delays } });
  const clients = createAwsClients(
    { target: 'local', aws: { region: 'us-west-2', credentials: 'default-chain' }, s3: { logData: '', logJsonPath: '', songData: '', region: 'us-west-2' }, secrets: {} },
    { endpoint: emulator.endpoint },
  );
  // Every response the services receive is checked against the SDK's model (test/helpers/sdk-conformance.ts).
  for (const client of Object.values(clients)) withConformance(client);
  return {
    clients,
    endpoint: emulator.endpoint,
    s3Root,
    stateDir,
    requests: emulator.requests,
    async close() {
      destroyAwsClients(clients);
      await emulator.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** An Emit that keeps what it is given. */
export function recordEvents(): { emit: (e: ProgressEvent) => void; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  return { emit: (e) => events.push(e), events };
}
