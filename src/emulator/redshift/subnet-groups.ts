// DescribeClusterSubnetGroups and the network CreateCluster needs: the account's cluster subnet
// groups, plus Redshift's `default` group when the account has a default VPC. Without one,
// CreateCluster must be given a ClusterSubnetGroupName.
import { AwsError } from '../contracts.js';
import { createHash } from 'node:crypto';
import { el, list, seq } from '../protocols/xml.js';
import { paginateRecords, type RedshiftContext, type RedshiftHandler } from './context.js';

function subnetGroupNames(ctx: RedshiftContext): string[] {
  const account = ctx.account;
  return [...(account?.defaultVpc === false ? [] : ['default']), ...(account?.subnetGroups ?? [])];
}

const hex = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

function subnetGroupXml(ctx: RedshiftContext, name: string) {
  const vpcId = `vpc-${hex(`${ctx.accountId}:${name}`, 17)}`;
  return seq(
    el('ClusterSubnetGroupName', name),
    el('Description', name === 'default' ? 'default' : `subnet group ${name}`),
    el('VpcId', vpcId),
    el('SubnetGroupStatus', 'Complete'),
    list('Subnets', 'Subnet', ['a', 'b'], (zone) =>
      seq(el('SubnetIdentifier', `subnet-${hex(`${vpcId}:${zone}`, 17)}`), el('SubnetAvailabilityZone', el('Name', `${ctx.region}${zone}`)), el('SubnetStatus', 'Active')),
    ),
  );
}

export const describeClusterSubnetGroups: RedshiftHandler = (ctx, params) => {
  const requested = params.string('ClusterSubnetGroupName')?.toLowerCase();
  const names = subnetGroupNames(ctx);
  if (requested !== undefined && !names.includes(requested)) {
    throw new AwsError('ClusterSubnetGroupNotFoundFault', `ClusterSubnetGroup ${requested} not found.`);
  }
  const { page, marker } = paginateRecords(requested ? [requested] : names, params);
  return seq(list('ClusterSubnetGroups', 'ClusterSubnetGroup', page, (name) => subnetGroupXml(ctx, name)), el('Marker', marker));
};

/** CreateCluster's network: the named group must exist; without a name the account needs a default VPC. */
export function resolveClusterSubnetGroup(ctx: RedshiftContext, requested: string | undefined): string | undefined {
  const names = subnetGroupNames(ctx);
  if (requested !== undefined) {
    const name = requested.toLowerCase();
    if (!names.includes(name)) throw new AwsError('ClusterSubnetGroupNotFoundFault', `ClusterSubnetGroup ${name} not found.`);
    return name;
  }
  if (!names.includes('default')) {
    throw new AwsError(
      'InvalidVPCNetworkStateFault',
      'No default VPC exists in this region for the account, so the cluster has no network. Specify a ClusterSubnetGroupName.',
    );
  }
  return undefined;
}
