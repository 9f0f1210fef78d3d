// Follows a cluster's status until it reaches a goal. The SDK waiters are silent until they finish,
// so this is a monitor instead: it polls DescribeClusters on an injectable interval and clock, emits
// a cluster.status event on every change, reports poll errors as notices and fails fast on a
// status from which the goal cannot be reached.
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { Emit } from '../workflow/events.js';
import { describeCluster, type ClusterSummary } from './cluster.js';
import { systemClock, type Clock } from './clock.js';
import { isAwsError, toUserError, UserError } from './errors.js';

export { systemClock, type Clock };

export interface MonitorOptions {
  emit: Emit;
  /** Between polls; real clusters take minutes, so seconds are plenty. */
  pollMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  clock?: Clock;
  /** Consecutive failed polls tolerated (each reported as a notice) before giving up. */
  maxPollErrors?: number;
}

/** Statuses from which a cluster never becomes available without someone intervening. */
const CANNOT_BECOME_AVAILABLE = new Set([
  'deleting',
  'final-snapshot',
  'hardware-failure',
  'incompatible-hsm',
  'incompatible-network',
  'incompatible-parameters',
  'incompatible-restore',
]);

/**
 * A paused (or pausing) cluster stays so until someone resumes it, and a storage-full one until
 * data is removed or it is resized: waiting would only run into the 45-minute timeout.
 */
function notComingBack(clusterIdentifier: string, status: string): UserError | undefined {
  if (status === 'paused' || status === 'pausing') {
    return new UserError(
      `Cluster ${clusterIdentifier} is ${status}: it will not become available by itself (a paused RA3 cluster bills only its storage).`,
      'Resume it with "sparkify resume" (a few minutes), then run this command again.',
    );
  }
  if (status === 'storage-full') {
    return new UserError(
      `Cluster ${clusterIdentifier} is storage-full: it takes no more writes until space is freed.`,
      'Drop what you do not need (e.g. "sparkify tables" recreates empty tables) or resize the cluster ([DWH] NODE_TYPE / NUM_NODES in a new cluster), then run again.',
    );
  }
  return undefined;
}

/** Statuses that mean nobody is deleting the cluster (as the SDK's waitUntilClusterDeleted judges). */
const WILL_NOT_DISAPPEAR = new Set(['creating', 'modifying']);

/** Failures that polling again cannot fix. */
const FATAL_POLL_ERRORS = [
  'ExpiredToken',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClient',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
];

type Observation = { kind: 'present'; cluster: ClusterSummary } | { kind: 'absent' };

async function monitor(
  redshift: RedshiftClient,
  clusterIdentifier: string,
  opts: MonitorOptions,
  goal: { describe: string; decide: (seen: Observation) => 'done' | 'continue' | string | UserError },
): Promise<Observation> {
  const { emit, pollMs = 5_000, timeoutMs = 45 * 60_000, signal, clock = systemClock, maxPollErrors = 5 } = opts;
  const started = clock.now();
  let lastStatus: string | undefined;
  let pollErrors = 0;
  for (;;) {
    signal?.throwIfAborted();
    let seen: Observation | undefined;
    try {
      const cluster = await describeCluster(redshift, clusterIdentifier);
      seen = cluster ? { kind: 'present', cluster } : { kind: 'absent' };
      pollErrors = 0;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      // Credentials and permissions do not fix themselves; anything else might be a blip.
      if (isAwsError(err, ...FATAL_POLL_ERRORS)) throw toUserError(err, `Checking cluster ${clusterIdentifier}`);
      pollErrors++;
      const message = err instanceof Error ? err.message : String(err);
      emit({ type: 'notice', level: 'warn', message: `Checking cluster ${clusterIdentifier} failed (${pollErrors}/${maxPollErrors}): ${message}` });
      if (pollErrors >= maxPollErrors) throw toUserError(err, `Checking cluster ${clusterIdentifier}`);
    }
    const elapsedMs = clock.now() - started;
    if (seen) {
      const status = seen.kind === 'present' ? seen.cluster.status : 'deleted';
      if (status !== lastStatus) {
        const endpoint = seen.kind === 'present' ? seen.cluster.endpoint : undefined;
        emit({ type: 'cluster.status', clusterId: clusterIdentifier, status, elapsedMs, ...(endpoint ? { endpoint } : {}) });
        lastStatus = status;
      }
      const verdict = goal.decide(seen);
      if (verdict === 'done') return seen;
      if (verdict instanceof UserError) throw verdict;
      if (verdict !== 'continue') throw new UserError(verdict, 'Check the cluster in the Redshift console, then run again.');
    }
    if (elapsedMs >= timeoutMs) {
      throw new UserError(
        `Cluster ${clusterIdentifier} did not ${goal.describe} within ${Math.round(timeoutMs / 60_000)} min (last status: ${lastStatus ?? 'unknown'}).`,
        'It may still get there: run the same command again to keep waiting, or check the Redshift console.',
      );
    }
    await clock.sleep(Math.min(pollMs, Math.max(0, timeoutMs - elapsedMs)), signal);
  }
}

/** Polls until the cluster has `target` status (e.g. 'available') and returns it. */
export async function waitForClusterStatus(
  redshift: RedshiftClient,
  clusterIdentifier: string,
  target: string,
  opts: MonitorOptions,
): Promise<ClusterSummary> {
  const seen = await monitor(redshift, clusterIdentifier, opts, {
    describe: `become ${target}`,
    decide: (o) => {
      if (o.kind === 'absent') return `Cluster ${clusterIdentifier} does not exist (while waiting for it to become ${target}).`;
      if (o.cluster.status === target) return 'done';
      if (target === 'available') {
        const stuck = notComingBack(clusterIdentifier, o.cluster.status);
        if (stuck) return stuck;
      }
      if (target === 'available' && CANNOT_BECOME_AVAILABLE.has(o.cluster.status)) {
        return `Cluster ${clusterIdentifier} cannot become available: its status is ${o.cluster.status}.`;
      }
      return 'continue';
    },
  });
  return (seen as Extract<Observation, { kind: 'present' }>).cluster;
}

/** Polls until DescribeClusters answers ClusterNotFound; reports each status on the way ('deleted' last). */
export async function waitForClusterDeleted(redshift: RedshiftClient, clusterIdentifier: string, opts: MonitorOptions): Promise<void> {
  await monitor(redshift, clusterIdentifier, opts, {
    describe: 'disappear',
    decide: (o) => {
      if (o.kind === 'absent') return 'done';
      if (WILL_NOT_DISAPPEAR.has(o.cluster.status)) {
        return `Cluster ${clusterIdentifier} is not being deleted: its status is ${o.cluster.status}.`;
      }
      return 'continue';
    },
  });
}
