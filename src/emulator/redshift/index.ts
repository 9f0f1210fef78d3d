// Redshift (awsQuery, Version 2012-12-01): the cluster operations sparkify uses, by action name.
import type { RedshiftContext, RedshiftHandler } from './context.js';
import { createCluster } from './create-cluster.js';
import { describeClusters } from './describe-clusters.js';
import { deleteCluster } from './delete-cluster.js';
import { deleteClusterSnapshot, describeClusterSnapshots } from './snapshots.js';
import { createTags, deleteTags, describeTags } from './tags.js';
import { modifyClusterIamRoles } from './cluster-iam-roles.js';
import { pauseCluster, resumeCluster } from './pause-resume.js';
import { getClusterCredentials } from './get-cluster-credentials.js';
import { describeClusterSubnetGroups } from './subnet-groups.js';
import { modifyCluster } from './modify-cluster.js';

export const REDSHIFT_VERSION = '2012-12-01';
export const REDSHIFT_NAMESPACE = 'http://redshift.amazonaws.com/doc/2012-12-01/';

export const redshiftHandlers: Record<string, RedshiftHandler> = {
  CreateCluster: createCluster,
  DescribeClusters: describeClusters,
  DeleteCluster: deleteCluster,
  DescribeClusterSnapshots: describeClusterSnapshots,
  DeleteClusterSnapshot: deleteClusterSnapshot,
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
  ModifyClusterIamRoles: modifyClusterIamRoles,
  PauseCluster: pauseCluster,
  ResumeCluster: resumeCluster,
  GetClusterCredentials: getClusterCredentials,
  DescribeClusterSubnetGroups: describeClusterSubnetGroups,
  ModifyCluster: modifyCluster,
};

export { ClusterLifecycle } from './cluster-lifecycle.js';
export { createClusterCatalog } from './cluster-catalog.js';
export type { RedshiftContext, RedshiftHandler };
