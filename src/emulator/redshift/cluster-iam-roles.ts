// The IAM roles of a cluster: checks against the emulated IAM, and ModifyClusterIamRoles.
import { AwsError } from '../contracts.js';
import { el } from '../protocols/xml.js';
import type { EmulatorState } from '../state-store.js';
import { clusterStatus } from './cluster-status.js';
import { clusterXml } from './cluster-xml.js';
import { requireCluster, type RedshiftHandler } from './context.js';

const MAX_ROLES_PER_CLUSTER = 50;

/**
 * Redshift accepts a role only if it exists and its trust policy lets Redshift assume it; it
 * answers anything else with "The IAM role X is not valid. The IAM role must delegate access to
 * an Amazon Redshift account."
 */
export function validateClusterRoles(state: EmulatorState, roleArns: string[]): void {
  if (roleArns.length > MAX_ROLES_PER_CLUSTER) {
    throw new AwsError('InvalidParameterValue', `A cluster can have at most ${MAX_ROLES_PER_CLUSTER} IAM roles.`);
  }
  for (const arn of roleArns) {
    const role = Object.values(state.roles).find((candidate) => candidate.arn === arn);
    if (!role || !role.assumeRolePolicyDocument.includes('redshift.amazonaws.com')) {
      const name = arn.includes('/') ? arn.slice(arn.lastIndexOf('/') + 1) : arn;
      throw new AwsError('InvalidParameterValue', `The IAM role ${name} is not valid. The IAM role must delegate access to an Amazon Redshift account.`);
    }
  }
}

export function validateDefaultRole(defaultRoleArn: string | undefined, roleArns: string[]): void {
  if (defaultRoleArn !== undefined && !roleArns.includes(defaultRoleArn)) {
    throw new AwsError('InvalidParameterValue', `The default IAM role ${defaultRoleArn} must be one of the IAM roles associated with the cluster.`);
  }
}

export const modifyClusterIamRoles: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const added = params.strings('AddIamRoles');
  const removed = new Set(params.strings('RemoveIamRoles'));
  const defaultRoleArn = params.string('DefaultIamRoleArn');
  const cluster = ctx.state.update((state) => {
    const record = requireCluster(state, identifier, ctx.now());
    if (clusterStatus(record, ctx.now()) !== 'available') {
      throw new AwsError('InvalidClusterState', `The cluster ${record.identifier} is not in the available state.`);
    }
    validateClusterRoles(state, added);
    const roles = [...record.iamRoleArns.filter((arn) => !removed.has(arn))];
    for (const arn of added) if (!roles.includes(arn)) roles.push(arn);
    validateClusterRoles(state, roles);
    const nextDefault = defaultRoleArn ?? (record.defaultIamRoleArn && roles.includes(record.defaultIamRoleArn) ? record.defaultIamRoleArn : undefined);
    validateDefaultRole(nextDefault, roles);
    record.iamRoleArns = roles;
    // A newly attached role reaches the cluster after IAM propagation (ApplyStatus adding → in-sync).
    if (added.length > 0 && ctx.account?.rolePropagationMs) record.rolesInSyncAt = ctx.now() + ctx.account.rolePropagationMs;
    record.defaultIamRoleArn = nextDefault;
    return record;
  });
  return el('Cluster', clusterXml(ctx, cluster));
};
