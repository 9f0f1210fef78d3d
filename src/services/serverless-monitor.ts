// Follows a Redshift Serverless namespace or workgroup until it reaches a goal (available, or gone),
// emitting a cluster.status event on every change, like the cluster monitor does for clusters.
import type { RedshiftServerlessClient } from '@aws-sdk/client-redshift-serverless';
import { systemClock } from './clock.js';
import type { MonitorOptions } from './cluster-monitor.js';
import { isAwsError, toUserError, UserError } from './errors.js';
import { describeNamespace, describeWorkgroup, type ServerlessKind, type ServerlessResource } from './serverless.js';

/** The same knobs as the cluster monitor's (interval, timeout, clock, tolerated poll errors). */
export type ServerlessMonitorOptions = MonitorOptions;

const FATAL = ['ExpiredToken', 'AccessDenied', 'AccessDeniedException', 'UnrecognizedClient', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'CredentialsProviderError'];

/**
 * Polls until `goal` is reached: 'available' returns the resource, 'gone' returns undefined. A
 * workgroup that vanishes while we wait for it to become available, or one that is not being
 * deleted while we wait for it to go, fails at once instead of running into the timeout.
 */
export async function waitForServerless(
  client: RedshiftServerlessClient,
  kind: ServerlessKind,
  name: string,
  goal: 'available' | 'gone',
  opts: ServerlessMonitorOptions,
): Promise<ServerlessResource | undefined> {
  const { emit, pollMs = 5_000, timeoutMs = 45 * 60_000, signal, clock = systemClock, maxPollErrors = 5 } = opts;
  const describe = kind === 'namespace' ? describeNamespace : describeWorkgroup;
  const started = clock.now();
  let lastStatus: string | undefined;
  let pollErrors = 0;
  for (;;) {
    signal?.throwIfAborted();
    let seen: ServerlessResource | undefined | null = null;
    try {
      seen = await describe(client, name);
      pollErrors = 0;
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (isAwsError(err, ...FATAL)) throw toUserError(err, `Checking ${kind} ${name}`);
      pollErrors++;
      emit({ type: 'notice', level: 'warn', message: `Checking ${kind} ${name} failed (${pollErrors}/${maxPollErrors}): ${(err as Error).message}` });
      if (pollErrors >= maxPollErrors) throw toUserError(err, `Checking ${kind} ${name}`);
    }
    const elapsedMs = clock.now() - started;
    if (seen !== null) {
      const status = seen ? seen.status : 'deleted';
      if (status !== lastStatus) {
        emit({ type: 'cluster.status', clusterId: name, resource: kind, status, elapsedMs, ...(seen?.endpoint ? { endpoint: seen.endpoint } : {}) });
        lastStatus = status;
      }
      if (goal === 'gone' && !seen) return undefined;
      if (goal === 'available' && seen?.status === 'available') return seen;
      if (goal === 'available' && !seen) throw new UserError(`Redshift Serverless ${kind} ${name} does not exist (while waiting for it to become available).`, 'Run "sparkify up" again to create it.');
      if (goal === 'available' && seen?.status === 'deleting') throw new UserError(`Redshift Serverless ${kind} ${name} is being deleted, so it will not become available.`, 'Wait until it is gone, then run again.');
      if (goal === 'gone' && seen && seen.status !== 'deleting') throw new UserError(`Redshift Serverless ${kind} ${name} is not being deleted: its status is ${seen.status}.`, 'Run "sparkify down" again.');
    }
    if (elapsedMs >= timeoutMs) {
      throw new UserError(
        `Redshift Serverless ${kind} ${name} did not become ${goal} within ${Math.round(timeoutMs / 60_000)} min (last status: ${lastStatus ?? 'unknown'}).`,
        'It may still get there: run the same command again to keep waiting, or check the Redshift Serverless console.',
      );
    }
    await clock.sleep(Math.min(pollMs, Math.max(0, timeoutMs - elapsedMs)), signal);
  }
}
