// The local AWS emulator: IAM, Redshift, STS and S3 over their real wire protocols, with the
// Redshift Data API running SQL on DuckDB, so the real AWS SDK clients work against it unchanged.
import { createServer } from 'node:http';
import { FaultInjector } from './faults/index.js';
import type { AddressInfo } from 'node:net';
import type { EmulatorDelays, EmulatorOptions, RecordedRequest } from './contracts.js';
import { createRedshiftDataService } from './redshift-data/index.js';
import { ClusterLifecycle, createClusterCatalog } from './redshift/index.js';
import { BucketListingCache } from './s3/index.js';
import { createRequestHandler } from './server.js';
import { createServerlessService } from './redshift-serverless/index.js';
import { StateStore } from './state-store.js';
import { ACCOUNT_PROFILES, createAuthorizer, type AccountProfile } from './accounts/index.js';
import { EMULATOR_USER_NAME } from './sts/get-caller-identity.js';
import { EngineRegistry } from './engine/engine-registry.js';
import { DEFAULT_PG_PORT, startPgServer, type RunningPgServer } from './pg/pg-server.js';

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the endpoint for every SDK client (S3 with forcePathStyle). */
  endpoint: string;
  port: number;
  /** Every request, oldest first (the most recent MAX_RECORDED_REQUESTS are kept). */
  requests: RecordedRequest[];
  /** The fault rules in force (`faults.set(spec)` switches them) and the log of injected faults. */
  faults: FaultInjector;
  /** The clusters' PostgreSQL endpoint on 127.0.0.1 (what DescribeClusters reports), unless turned off. */
  pg?: RunningPgServer;
  close(): Promise<void>;
}

export const DEFAULT_DELAYS: EmulatorDelays = { clusterCreateMs: 3000, clusterDeleteMs: 2000, statementStartMs: 0, describeHoldMs: 100 };
export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-west-2';
/** A long ETL polls thousands of times; beyond this many, the oldest records are dropped. */
export const MAX_RECORDED_REQUESTS = 50_000;

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const delays: EmulatorDelays = { ...DEFAULT_DELAYS, ...options.delays };
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const region = options.region ?? DEFAULT_REGION;
  // Nothing is created at startup (folders appear with the first write), so a --dry-run writes nothing.

  // Parsed before anything is opened, so a bad spec fails startup cleanly.
  const faults = new FaultInjector(options.faults ?? []);
  const state = new StateStore(options.stateDir);
  const account = resolveAccount(options.account);
  const callerArn = `arn:aws:iam::${accountId}:user/${EMULATOR_USER_NAME}`;
  const authorizer = createAuthorizer({ accountId, region, callerArn, policy: account.operatorPolicy });
  const bucketRegion = account.bucketRegion;
  const catalog = { ...createClusterCatalog(state), ...(bucketRegion && bucketRegion !== region ? { bucketRegion: () => bucketRegion } : {}) };
  const engines = new EngineRegistry({ catalog, s3Root: options.s3Root });
  const redshiftData = createRedshiftDataService({ catalog, s3Root: options.s3Root, delays, faults, engines });
  let pg: RunningPgServer | undefined;
  // PostgreSQL clients of a deleted cluster (or namespace) are disconnected, as on Redshift.
  const destroyDatabase = async (id: string) => {
    await pg?.closeCluster(id);
    await redshiftData.destroyClusterDatabase(id);
  };
  const lifecycle = new ClusterLifecycle({ state, destroyDatabase });
  const redshiftServerless = createServerlessService({
    state, accountId, region, delays, now: Date.now, destroyDatabase,
  });
  // Deletions that finished while no emulator ran drop their databases now; pending ones get timers.
  await lifecycle.reapGone();
  await redshiftServerless.reapGone();
  lifecycle.scheduleDeletions();

  // The PostgreSQL endpoint shares the Data API's engines: one DuckDB instance per cluster.
  if (options.pgPort !== false) {
    try {
      pg = await startPgServer({ state, catalog, engines, s3Root: options.s3Root, faults }, options.pgPort ?? DEFAULT_PG_PORT);
    } catch (err) {
      await lifecycle.close();
      await redshiftData.close();
      throw err;
    }
  }
  const pgEndpoint = pg ? { address: '127.0.0.1', port: pg.port } : undefined;

  const requests: RecordedRequest[] = [];
  const handler = createRequestHandler({
    iam: { state, accountId, authorizer, callerArn },
    redshift: { state, accountId, region, delays, lifecycle, now: Date.now, faults, account, pgEndpoint },
    s3: { listing: new BucketListingCache(options.s3Root), region: bucketRegion ?? region },
    authorize: (request) => authorizer.authorize(request),
    redshiftData,
    redshiftServerless,
    accountId,
    secrets: { state },
    faults,
    record(request) {
      requests.push(request);
      if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
    },
  });

  const { gate } = options;
  const server = createServer(gate ? (req, res) => void (gate(req, res) || handler(req, res)) : handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Loopback only: signatures are not verified (any credentials work), so it must never be reachable from outside.
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // A port that is taken (EADDRINUSE) must not leave deletion timers or open databases behind:
    // the caller reports the error and the process should be free to exit.
    await lifecycle.close();
    await pg?.close();
    await redshiftData.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests,
    faults,
    pg,
    close() {
      closing ??= (async () => {
        await lifecycle.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await pg?.close();
        await redshiftData.close();
      })();
      return closing;
    },
  };
}

function resolveAccount(account: EmulatorOptions['account']): AccountProfile {
  if (account === undefined) return ACCOUNT_PROFILES.default;
  if (typeof account !== 'string') return account;
  const found = ACCOUNT_PROFILES[account];
  if (!found) throw new Error(`Unknown emulator account profile "${account}"; known: ${Object.keys(ACCOUNT_PROFILES).join(', ')}.`);
  return found;
}

export type { EmulatorDelays, EmulatorOptions, RecordedRequest } from './contracts.js';
export { ACCOUNT_PROFILE_NAMES, ACCOUNT_PROFILES, type AccountProfile, type AccountProfileName } from './accounts/index.js';
