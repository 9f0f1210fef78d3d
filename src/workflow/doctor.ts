// `sparkify doctor`: before anything is billed, checks what would make the run fail on this
// account — who the operator is, whether IAM allows every call, the sources and their region, the
// network, the state of an existing role or cluster — and what the run will cost. Also run by
// `up`/`run` (and the wizard's plan): a failing check stops billable work unless overridden.
import { estimateHourlyCost, type SparkifyConfig } from '../config/index.js';
import { verifyCredentials, type AwsClients } from '../services/clients.js';
import { describeCluster, type ClusterSummary } from '../services/cluster.js';
import { isUserError, UserError } from '../services/errors.js';
import { findRole } from '../services/iam-role.js';
import { operatorStatements } from '../services/operator-policy.js';
import { describeError, fail, pass, warn, type PreflightCheck } from '../services/preflight.js';
import { checkNetwork } from '../services/preflight-network.js';
import { checkOperatorPermissions } from '../services/preflight-permissions.js';
import { checkSources } from '../services/preflight-sources.js';
import { serverlessChecks } from './doctor-serverless.js';

export type { CheckStatus, PreflightCheck } from '../services/preflight.js';

export interface DoctorReport {
  target: 'local' | 'aws';
  region: string;
  /** False when any check failed: billable work stops unless overridden (--ignore-doctor). */
  ok: boolean;
  checks: PreflightCheck[];
  /** bucket → region, as S3 answered; COPY's REGION when [S3] REGION is not set. */
  bucketRegions: Record<string, string>;
}

/** Run time to expect, in hours of cluster time: creation, load and checks (a rough guide for the cost line). */
function expectedRunHours(songData: string): number {
  if (/song-data\/?$/.test(songData)) return 1.5;
  return 0.5;
}

function costCheck(config: SparkifyConfig): PreflightCheck {
  const cost = estimateHourlyCost(config);
  if (!cost) return warn('cost', 'cost', `no price is known for node type ${config.dwh.nodeType}.`, 'See https://aws.amazon.com/redshift/pricing/ for your region.');
  const hours = expectedRunHours(config.s3.songData);
  const shape = `${cost.nodes} × ${cost.nodeType}`;
  const region = config.aws.region === 'us-east-1' ? 'us-east-1 list price' : `us-east-1 list price; ${config.aws.region} may differ`;
  if (config.target === 'local') {
    return pass('cost', 'cost', `$0 on the local target. On AWS ${shape} would cost about $${cost.usdPerHour.toFixed(2)}/hour (${region}).`);
  }
  const run = Math.max(0.01, Math.round(cost.usdPerHour * hours * 100) / 100);
  return pass('cost', 'cost', `${shape}: about $${cost.usdPerHour.toFixed(2)}/hour (${region}), about $${run.toFixed(2)} for a ${hours}-hour run; billing runs until "sparkify down" (or "sparkify pause": storage only).`);
}

function roleCheck(role: Awaited<ReturnType<typeof findRole>> | Error, name: string): PreflightCheck {
  if (role instanceof Error) return warn('role', 'IAM role', `could not look up role ${name}: ${describeError(role)}.`, 'Allow iam:GetRole and iam:ListRoleTags on it (in "sparkify policy").');
  if (!role) return pass('role', 'IAM role', `${name} does not exist yet; it will be created (S3 read-only on the source buckets).`);
  if (!role.managed) return fail('role', 'IAM role', `${name} exists but is not tagged sparkify:managed=true, so sparkify will not use or delete it.`, 'Set [DWH] IAM_ROLE_NAME in dwh.cfg to a name not in use.');
  return pass('role', 'IAM role', `${name} exists (created by sparkify) and will be reused.`);
}

function clusterCheck(cluster: ClusterSummary | undefined | Error, config: SparkifyConfig): PreflightCheck {
  const { clusterIdentifier: id, nodeType, numNodes } = config.dwh;
  if (cluster instanceof Error) return warn('cluster', 'cluster', `could not look up cluster ${id}: ${describeError(cluster)}.`, 'Allow redshift:DescribeClusters on it (in "sparkify policy").');
  if (!cluster) return pass('cluster', 'cluster', `${id} does not exist yet; it will be created (${numNodes} × ${nodeType}, private, encrypted).`);
  if (!cluster.managed) return fail('cluster', 'cluster', `${id} exists but is not tagged sparkify:managed=true, so sparkify will not use or delete it.`, 'Set [DWH] CLUSTER_IDENTIFIER in dwh.cfg to an identifier not in use.');
  if (cluster.status === 'paused' || cluster.status === 'pausing') {
    return fail('cluster', 'cluster', `${id} is ${cluster.status} (it bills only storage), so no SQL can run.`, 'Resume it with "sparkify resume" (a few minutes), then run again.');
  }
  if (cluster.status === 'storage-full') return fail('cluster', 'cluster', `${id} is storage-full: it takes no more writes.`, 'Free space (e.g. "sparkify tables") or use a bigger cluster.');
  if (cluster.status === 'deleting' || cluster.status === 'final-snapshot') return fail('cluster', 'cluster', `${id} is being deleted (${cluster.status}).`, 'Wait until it is gone, then run again to create a fresh one.');
  if ((cluster.nodeType && cluster.nodeType !== nodeType) || (cluster.numberOfNodes !== undefined && cluster.numberOfNodes !== numNodes)) {
    return warn('cluster', 'cluster', `${id} exists as ${cluster.numberOfNodes} × ${cluster.nodeType}, but dwh.cfg asks for ${numNodes} × ${nodeType}; it is reused as it is.`, `Run "sparkify down" first to get the configured shape, or set [DWH] NODE_TYPE / NUM_NODES to match.`);
  }
  return pass('cluster', 'cluster', `${id} exists (created by sparkify, ${cluster.status}) and will be reused.`);
}

const settle = <T>(promise: Promise<T>): Promise<T | Error> => promise.catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));

export async function runDoctor(config: SparkifyConfig, clients: AwsClients): Promise<DoctorReport> {
  const base = { target: config.target, region: config.aws.region };
  let identity: { account: string; arn: string };
  try {
    identity = await verifyCredentials(clients.sts);
  } catch (err) {
    const message = isUserError(err) ? err.message : describeError(err);
    const hint = isUserError(err) ? (err.hint ?? '') : 'Run `aws configure` (or `aws sso login`) and try again.';
    return { ...base, ok: false, bucketRegions: {}, checks: [fail('identity', 'identity and region', message, hint)] };
  }
  const identityCheck = pass('identity', 'identity and region', `${identity.arn} in account ${identity.account}, region ${config.aws.region}${config.target === 'local' ? ' (the local emulator)' : ''}.`);
  const statements = operatorStatements(config, { account: identity.account, callerArn: identity.arn });
  const [permissions, sources, network, role, cluster] = await Promise.all([
    checkOperatorPermissions(clients.iam, identity.arn, statements),
    checkSources(clients.s3, config.s3),
    checkNetwork(clients.redshift, config.dwh.clusterSubnetGroup, config.aws.region),
    settle(findRole(clients.iam, config.dwh.iamRoleName)),
    config.serverless ? undefined : settle(describeCluster(clients.redshift, config.dwh.clusterIdentifier)),
  ]);
  const compute = config.serverless ? await serverlessChecks(config, clients) : [clusterCheck(cluster, config), costCheck(config)];
  const checks = [identityCheck, permissions, ...sources.checks, network, roleCheck(role, config.dwh.iamRoleName), ...compute];
  return { ...base, ok: checks.every((c) => c.status !== 'fail'), checks, bucketRegions: sources.bucketRegions };
}

/** The error `up`/`run` stop with when the doctor found a failing check. */
export function doctorRefusal(report: DoctorReport): UserError {
  const failed = report.checks.filter((c) => c.status === 'fail');
  return new UserError(
    `sparkify doctor found ${failed.length} problem${failed.length === 1 ? '' : 's'} that would make this run fail before anything is billed:\n` +
      failed.map((c) => `  ✗ ${c.title}: ${c.detail}`).join('\n'),
    [...failed.map((c) => c.fix).filter(Boolean), 'Fix these and run again; "sparkify doctor" re-checks. To run anyway, pass --ignore-doctor.'].join('\n'),
  );
}
