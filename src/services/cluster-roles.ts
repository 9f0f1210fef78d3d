// A role attached to a cluster is usable by COPY only once Redshift reports it `in-sync`; right
// after CreateCluster or ModifyClusterIamRoles it may still be `adding` (IAM propagation), and a
// COPY then fails with "not authorized to assume IAM Role". So the ETL waits for in-sync first.
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import type { Emit } from '../workflow/events.js';
import { describeCluster } from './cluster.js';
import { systemClock, type Clock } from './clock.js';
import { UserError } from './errors.js';

export interface RoleSyncOptions {
  emit: Emit;
  pollMs?: number;
  timeoutMs?: number;
  clock?: Clock;
  signal?: AbortSignal;
}

export async function waitForRoleInSync(redshift: RedshiftClient, clusterIdentifier: string, roleArn: string, opts: RoleSyncOptions): Promise<void> {
  const { emit, pollMs = 5_000, timeoutMs = 10 * 60_000, clock = systemClock, signal } = opts;
  const started = clock.now();
  let reported: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const cluster = await describeCluster(redshift, clusterIdentifier);
    if (!cluster) throw new UserError(`Cluster ${clusterIdentifier} does not exist.`, 'Run "sparkify up" first.');
    const role = cluster.iamRoles.find((r) => r.arn === roleArn);
    if (!role) {
      throw new UserError(
        `The IAM role ${roleArn} is not attached to cluster ${clusterIdentifier}, so COPY cannot read S3.`,
        `Attach it: aws redshift modify-cluster-iam-roles --cluster-identifier ${clusterIdentifier} --add-iam-roles ${roleArn}, then run again.`,
      );
    }
    if (role.applyStatus === 'in-sync') return;
    if (role.applyStatus === 'removing') {
      throw new UserError(`The IAM role ${roleArn} is being removed from cluster ${clusterIdentifier}.`, 'Attach it again (aws redshift modify-cluster-iam-roles --add-iam-roles), then run again.');
    }
    if (reported !== role.applyStatus) {
      emit({ type: 'notice', level: 'info', message: `Waiting for the IAM role to reach the cluster (ApplyStatus ${role.applyStatus} → in-sync) before COPY.` });
      reported = role.applyStatus;
    }
    const elapsed = clock.now() - started;
    if (elapsed >= timeoutMs) {
      throw new UserError(
        `The IAM role ${roleArn} stayed ${role.applyStatus} on cluster ${clusterIdentifier} for ${Math.round(timeoutMs / 60_000)} min.`,
        'Check the cluster\'s IAM roles in the Redshift console; run the same command again once it shows in-sync.',
      );
    }
    await clock.sleep(Math.min(pollMs, timeoutMs - elapsed), signal);
  }
}
