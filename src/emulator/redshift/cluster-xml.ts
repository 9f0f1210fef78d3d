// The <Cluster> and <Snapshot> elements, with every member the SDK waiters, sparkify and a person
// reading `aws redshift describe-clusters` look at. List member names matter: the SDK silently
// reads an empty list when an item element is misnamed.
import { el, list, seq, type Xml } from '../protocols/xml.js';
import type { ClusterRecord, SnapshotRecord, Tag } from '../state-store.js';
import { availabilityStatus, clusterStatus, snapshotStatus, type ClusterStatus } from './cluster-status.js';
import { snapshotArn, type RedshiftContext } from './context.js';
import { DEFAULT_VPC_ID } from '../ec2/default-network.js';

/** Model members of Cluster the emulator can answer truthfully (issue 15): its VPC, nodes, no pending work. */
function networkAndNodesXml(cluster: ClusterRecord, status: ClusterStatus): Xml {
  const multiNode = cluster.numberOfNodes > 1;
  const nodes = status === 'creating' ? [] : [
    ...(multiNode ? [{ role: 'LEADER' }] : []),
    ...Array.from({ length: cluster.numberOfNodes }, (_, i) => ({ role: multiNode ? `COMPUTE-${i}` : 'SHARED' })),
  ];
  return seq(
    el('VpcId', DEFAULT_VPC_ID),
    list('ClusterNodes', 'member', nodes, (node) =>
      seq(el('NodeRole', node.role), el('PrivateIPAddress', '127.0.0.1'), el('PublicIPAddress', '127.0.0.1'))),
    list('PendingActions', 'member', [], () => null),
    list('DeferredMaintenanceWindows', 'DeferredMaintenanceWindow', [], () => null),
    el('ClusterRevisionNumber', '1'),
  );
}

export function tagsXml(tags: Tag[]): Xml {
  return list('Tags', 'Tag', tags, (tag) => seq(el('Key', tag.Key), el('Value', tag.Value)));
}

/** statusOverride: DeleteCluster answers `deleting` even when a zero delay has already made the cluster gone. */
export function clusterXml(ctx: RedshiftContext, cluster: ClusterRecord, statusOverride?: ClusterStatus): Xml {
  const status = statusOverride ?? clusterStatus(cluster, ctx.now());
  // Like Redshift, the endpoint exists only once the cluster has been provisioned.
  // Locally, the endpoint is the emulator's PostgreSQL server on 127.0.0.1, reported as it really is.
  const address = ctx.pgEndpoint?.address ?? cluster.endpointAddress;
  const port = ctx.pgEndpoint?.port ?? cluster.port;
  const endpoint = status === 'creating' ? undefined : seq(el('Address', address), el('Port', port));
  return seq(
    el('ClusterIdentifier', cluster.identifier),
    el('NodeType', cluster.nodeType),
    el('ClusterStatus', status),
    el('ClusterAvailabilityStatus', availabilityStatus(status)),
    el('MasterUsername', cluster.masterUsername),
    el('DBName', cluster.dbName),
    el('Endpoint', endpoint),
    el('ClusterCreateTime', new Date(cluster.createdAt)),
    el('AutomatedSnapshotRetentionPeriod', 1),
    el('ManualSnapshotRetentionPeriod', -1),
    list('ClusterSecurityGroups', 'ClusterSecurityGroup', [], () => null),
    list('VpcSecurityGroups', 'VpcSecurityGroup', cluster.vpcSecurityGroupIds, (id) =>
      seq(el('VpcSecurityGroupId', id), el('Status', 'active')),
    ),
    list('ClusterParameterGroups', 'ClusterParameterGroup', ['default.redshift-2.0'], (name) =>
      seq(el('ParameterGroupName', name), el('ParameterApplyStatus', 'in-sync')),
    ),
    el('ClusterSubnetGroupName', cluster.clusterSubnetGroupName ?? 'default'),
    el('AvailabilityZone', cluster.availabilityZone),
    el('PreferredMaintenanceWindow', 'sat:10:00-sat:10:30'),
    el('PendingModifiedValues', seq()),
    el('ClusterVersion', '1.0'),
    el('AllowVersionUpgrade', true),
    el('NumberOfNodes', cluster.numberOfNodes),
    el('PubliclyAccessible', cluster.publiclyAccessible),
    el('Encrypted', cluster.encrypted),
    el('KmsKeyId', cluster.kmsKeyId),
    tagsXml(cluster.tags),
    el('EnhancedVpcRouting', false),
    list('IamRoles', 'ClusterIamRole', cluster.iamRoleArns, (arn) => seq(el('IamRoleArn', arn), el('ApplyStatus', ctx.now() < (cluster.rolesInSyncAt ?? 0) ? 'adding' : 'in-sync'))),
    el('MaintenanceTrackName', 'current'),
    el('ClusterNamespaceArn', `arn:aws:redshift:${ctx.region}:${ctx.accountId}:namespace:${cluster.namespaceId}`),
    el('DefaultIamRoleArn', cluster.defaultIamRoleArn),
    el('MasterPasswordSecretArn', cluster.masterPasswordSecretArn),
    el('IpAddressType', 'ipv4'),
    el('MultiAZ', 'Disabled'),
    networkAndNodesXml(cluster, status),
  );
}

export function snapshotXml(ctx: RedshiftContext, snapshot: SnapshotRecord, statusOverride?: string): Xml {
  return seq(
    el('SnapshotIdentifier', snapshot.identifier),
    el('ClusterIdentifier', snapshot.clusterIdentifier),
    el('SnapshotCreateTime', new Date(snapshot.createdAt)),
    el('Status', statusOverride ?? snapshotStatus(snapshot, ctx.now())),
    el('Port', snapshot.port),
    el('AvailabilityZone', snapshot.availabilityZone),
    el('ClusterCreateTime', new Date(snapshot.clusterCreatedAt)),
    el('MasterUsername', snapshot.masterUsername),
    el('ClusterVersion', '1.0'),
    el('SnapshotType', snapshot.snapshotType),
    el('NodeType', snapshot.nodeType),
    el('NumberOfNodes', snapshot.numberOfNodes),
    el('DBName', snapshot.dbName),
    el('Encrypted', snapshot.encrypted),
    el('EncryptedWithHSM', false),
    el('OwnerAccount', ctx.accountId),
    tagsXml(snapshot.tags),
    el('EnhancedVpcRouting', false),
    el('MaintenanceTrackName', 'current'),
    el('ManualSnapshotRetentionPeriod', -1),
    el('SnapshotArn', snapshotArn(ctx, snapshot.clusterIdentifier, snapshot.identifier)),
  );
}
