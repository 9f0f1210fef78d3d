// Where the cluster will live. With [DWH] CLUSTER_SUBNET_GROUP the group must exist; without it
// Redshift uses the region's default VPC, which many organisations delete. Redshift's own
// DescribeClusterSubnetGroups is the evidence: the default VPC shows as its `default` group.
import { DescribeClusterSubnetGroupsCommand, type RedshiftClient } from '@aws-sdk/client-redshift';
import { isAwsError } from './errors.js';
import { describeError, fail, pass, warn, type PreflightCheck } from './preflight.js';

const TITLE = 'network (VPC)';
const SET_SUBNET_GROUP =
  'Create a cluster subnet group in one of your VPCs (aws redshift create-cluster-subnet-group --cluster-subnet-group-name sparkify --description sparkify --subnet-ids subnet-…) and set [DWH] CLUSTER_SUBNET_GROUP = sparkify in dwh.cfg (optionally VPC_SECURITY_GROUP_IDS), or recreate the default VPC (aws ec2 create-default-vpc).';

export async function checkNetwork(redshift: RedshiftClient, subnetGroup: string | undefined, region: string): Promise<PreflightCheck> {
  try {
    const { ClusterSubnetGroups: groups = [] } = await redshift.send(new DescribeClusterSubnetGroupsCommand(subnetGroup ? { ClusterSubnetGroupName: subnetGroup } : {}));
    if (subnetGroup) {
      const group = groups[0];
      const subnets = group?.Subnets?.length ?? 0;
      if (subnets === 0) return fail('network', TITLE, `cluster subnet group ${subnetGroup} has no subnets.`, `Add subnets to ${subnetGroup} (aws redshift modify-cluster-subnet-group), or fix [DWH] CLUSTER_SUBNET_GROUP.`);
      return pass('network', TITLE, `cluster subnet group ${subnetGroup} in ${group?.VpcId ?? 'its VPC'} (${subnets} subnets).`);
    }
    const defaultGroup = groups.find((g) => g.ClusterSubnetGroupName === 'default');
    if (defaultGroup) return pass('network', TITLE, `no [DWH] CLUSTER_SUBNET_GROUP: the cluster goes into the default VPC ${defaultGroup.VpcId ?? ''} of ${region}.`.replace('  ', ' '));
    const others = groups.map((g) => g.ClusterSubnetGroupName).filter(Boolean);
    // A warning, not a failure: an account with a default VPC may show no `default` group before its
    // first cluster, and a false failure would block a run that works. CreateCluster's own error is
    // turned into the same advice if the VPC really is missing.
    return warn(
      'network',
      TITLE,
      `no [DWH] CLUSTER_SUBNET_GROUP is set and Redshift shows no default VPC in ${region}${others.length ? ` (subnet groups found: ${others.join(', ')})` : ''}: if the account has none, CreateCluster will fail.`,
      others.length ? `Set [DWH] CLUSTER_SUBNET_GROUP = ${others[0]} in dwh.cfg (optionally VPC_SECURITY_GROUP_IDS), or recreate the default VPC (aws ec2 create-default-vpc).` : SET_SUBNET_GROUP,
    );
  } catch (err) {
    if (isAwsError(err, 'ClusterSubnetGroupNotFoundFault')) {
      return fail('network', TITLE, `cluster subnet group ${subnetGroup} does not exist in ${region}.`, 'Fix [DWH] CLUSTER_SUBNET_GROUP (aws redshift describe-cluster-subnet-groups lists them), or remove it to use the default VPC.');
    }
    return warn('network', TITLE, `could not check: ${describeError(err)}.`, 'Allow redshift:DescribeClusterSubnetGroups (in "sparkify policy") to let the doctor check the network.');
  }
}
