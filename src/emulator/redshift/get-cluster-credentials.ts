// GetClusterCredentials: a temporary password for a database user (what the Data API does for a
// statement run as DbUser). The password is random and never recorded: the recorded request holds
// no password and the response is not kept.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../contracts.js';
import { el, seq } from '../protocols/xml.js';
import { clusterStatus } from './cluster-status.js';
import { requireCluster, type RedshiftHandler } from './context.js';

export const getClusterCredentials: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const dbUser = params.required('DbUser');
  const duration = params.int('DurationSeconds') ?? 900;
  if (duration < 900 || duration > 3600) throw new AwsError('InvalidParameterValue', 'DurationSeconds must be between 900 and 3600.');
  const now = ctx.now();
  const cluster = requireCluster(ctx.state.read(), identifier, now);
  const status = clusterStatus(cluster, now);
  if (status !== 'available') throw new AwsError('InvalidClusterState', `The cluster ${cluster.identifier} is ${status}; credentials are issued for an available cluster only.`);
  return seq(
    el('DbUser', `IAM:${dbUser}`),
    el('DbPassword', randomBytes(24).toString('base64url')),
    el('Expiration', new Date(now + duration * 1000)),
  );
};
