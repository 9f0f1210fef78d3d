// Where the SDK clients point: real AWS, or the local emulator — started in this process, or one
// already serving (`sparkify emulator`, named by SPARKIFY_EMULATOR_ENDPOINT).
import type { SparkifyConfig } from '../config/index.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../services/clients.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { EmulatorDelays } from '../emulator/contracts.js';
import type { AccountProfile, AccountProfileName } from '../emulator/accounts/index.js';
import { UserError } from '../services/errors.js';

export interface OpenTarget {
  clients: AwsClients;
  /** The in-process emulator, when this process started one. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

export interface OpenTargetOptions {
  /** Overrides for the in-process emulator (tests use 0 ms delays). */
  emulatorDelays?: Partial<EmulatorDelays>;
  /** An emulator already running elsewhere; defaults to $SPARKIFY_EMULATOR_ENDPOINT. */
  emulatorEndpoint?: string;
  /** The in-process emulator's account profile (see src/emulator/accounts). */
  emulatorAccount?: AccountProfileName | AccountProfile;
}

export function emulatorDelaysFor(config: SparkifyConfig): Partial<EmulatorDelays> {
  const seconds = config.local.clusterCreateSeconds;
  return seconds === undefined ? {} : { clusterCreateMs: seconds * 1000, clusterDeleteMs: Math.min(seconds * 1000, 3000) };
}

export async function openTarget(config: SparkifyConfig, options: OpenTargetOptions = {}): Promise<OpenTarget> {
  if (config.target === 'aws') {
    const clients = createAwsClients(config);
    return { clients, close: async () => destroyAwsClients(clients) };
  }
  const external = options.emulatorEndpoint ?? process.env.SPARKIFY_EMULATOR_ENDPOINT;
  if (external) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(external)) {
      throw new UserError(`SPARKIFY_EMULATOR_ENDPOINT must be a loopback address such as http://127.0.0.1:4566, got "${external}".`, 'The local target never talks to anything but 127.0.0.1.');
    }
    const clients = createAwsClients(config, { endpoint: external });
    return { clients, close: async () => destroyAwsClients(clients) };
  }
  const emulator = await startEmulator({
    stateDir: config.local.stateDir,
    s3Root: config.local.s3Root,
    region: config.aws.region,
    delays: { ...emulatorDelaysFor(config), ...options.emulatorDelays },
    ...(options.emulatorAccount ? { account: options.emulatorAccount } : {}),
  });
  const clients = createAwsClients(config, { endpoint: emulator.endpoint });
  return {
    clients,
    emulator,
    close: async () => {
      destroyAwsClients(clients);
      await emulator.close();
    },
  };
}
