// Where the SDK clients point: real AWS, or the local emulator — the shared local service of this
// STATE_DIR (started in the background on first use), an emulator already serving elsewhere
// (SPARKIFY_EMULATOR_ENDPOINT), or a private one in this process (tests).
import type { SparkifyConfig } from '../config/index.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../services/clients.js';
import type { RunningEmulator } from '../emulator/index.js';
import type { EmulatorDelays } from '../emulator/contracts.js';
import { DEFAULT_IDLE_MS, ensureLocalService, LocalServiceError, probe, type LocalService } from '../emulator/service/local-service.js';
import type { AccountProfile, AccountProfileName } from '../emulator/accounts/index.js';
import { UserError } from '../services/errors.js';

export interface OpenTarget {
  clients: AwsClients;
  /** The in-process emulator, when this process started one. */
  emulator?: RunningEmulator;
  /** The shared local service this target uses, when it uses one. */
  service?: LocalService;
  close(): Promise<void>;
}

/** shared: the STATE_DIR's background service (the default); in-process: a private emulator in this process. */
export type LocalMode = 'shared' | 'in-process';

export interface OpenTargetOptions {
  /** Overrides for the emulator's delays (tests use 0 ms); the shared service takes them when it starts. */
  emulatorDelays?: Partial<EmulatorDelays>;
  /** An emulator already running elsewhere; defaults to $SPARKIFY_EMULATOR_ENDPOINT. */
  emulatorEndpoint?: string;
  /** Defaults to $SPARKIFY_LOCAL_SERVICE, else shared (the test suite sets in-process). */
  localMode?: LocalMode;
  /** The in-process emulator's account profile (see src/emulator/accounts). */
  emulatorAccount?: AccountProfileName | AccountProfile;
}

export function emulatorDelaysFor(config: SparkifyConfig): Partial<EmulatorDelays> {
  const seconds = config.local.clusterCreateSeconds;
  return seconds === undefined ? {} : { clusterCreateMs: seconds * 1000, clusterDeleteMs: Math.min(seconds * 1000, 3000) };
}

/** [LOCAL] SERVICE_IDLE_MINUTES, overridden by $SPARKIFY_SERVICE_IDLE_MINUTES (the test suite keeps it short). */
export function serviceIdleMsFor(config: SparkifyConfig): number {
  const fromEnv = Number(process.env.SPARKIFY_SERVICE_IDLE_MINUTES);
  const minutes = Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : config.local.serviceIdleMinutes;
  return minutes === undefined ? DEFAULT_IDLE_MS : Math.round(minutes * 60_000);
}

export function localModeOf(options: OpenTargetOptions = {}): LocalMode {
  const mode = options.localMode ?? process.env.SPARKIFY_LOCAL_SERVICE ?? 'shared';
  if (mode !== 'shared' && mode !== 'in-process') {
    throw new UserError(`SPARKIFY_LOCAL_SERVICE must be "shared" or "in-process", got "${mode}".`, 'Leave it unset to use the shared local service.');
  }
  return mode;
}

/** The STATE_DIR's shared service, started when none runs; failures become a UserError naming the log. */
export async function openLocalService(config: SparkifyConfig, options: OpenTargetOptions = {}): Promise<LocalService> {
  try {
    return await ensureLocalService({
      stateDir: config.local.stateDir,
      s3Root: config.local.s3Root,
      region: config.aws.region,
      delays: { ...emulatorDelaysFor(config), ...options.emulatorDelays },
      idleMs: serviceIdleMsFor(config),
    });
  } catch (err) {
    if (err instanceof LocalServiceError) throw new UserError(err.message, 'Run `sparkify emulator status` to see the local service, `sparkify emulator stop` to stop it.');
    throw err;
  }
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
  if (localModeOf(options) === 'shared') return openSharedTarget(config, options);
  // Loaded here, not at the top: the emulator brings DuckDB, which only the in-process local target needs.
  const { startEmulator } = await import('../emulator/index.js');
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

async function openSharedTarget(config: SparkifyConfig, options: OpenTargetOptions): Promise<OpenTarget> {
  const service = await openLocalService(config, options);
  const clients = createAwsClients(config, { endpoint: service.endpoint, localAccessKeyId: service.secret });
  // An open wizard may sit on a screen for longer than the idle time: while this target is open it
  // keeps the service alive. Unref'd, so it never holds a finished process open.
  const heartbeat = setInterval(() => void probe(service.record), Math.max(100, Math.min(60_000, Math.floor(service.record.idleMs / 3))));
  heartbeat.unref();
  return {
    clients,
    service,
    close: async () => {
      clearInterval(heartbeat);
      destroyAwsClients(clients);
    },
  };
}
