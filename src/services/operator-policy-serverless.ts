// The operator's permissions for [DWH] DEPLOYMENT = serverless: the namespace and workgroup calls,
// the Data API on the workgroup with temporary credentials (redshift-serverless:GetCredentials),
// and the managed admin password. Namespace and workgroup ARNs end in ids AWS assigns at creation,
// so they are scoped to the account and region, not to a name.
import type { SparkifyConfig } from '../config/index.js';
import type { OperatorStatement } from './operator-policy.js';

/** Statements of the provisioned cluster that a serverless deployment does not need. */
export const CLUSTER_ONLY_SIDS = new Set(['SparkifyCluster', 'SparkifySnapshots', 'SparkifyDatabaseUser', 'SparkifyDataApiOnCluster', 'SparkifyManagedMasterPassword']);

export function serverlessStatements(config: Pick<SparkifyConfig, 'aws' | 'dwh' | 'serverless'>, account: string): OperatorStatement[] {
  const { region } = config.aws;
  const { namespaceName, workgroupName } = config.serverless!;
  const arn = (kind: string) => `arn:aws:redshift-serverless:${region}:${account}:${kind}/*`;
  return [
    {
      Sid: 'SparkifyServerless',
      Effect: 'Allow',
      Action: [
        'redshift-serverless:CreateNamespace', 'redshift-serverless:GetNamespace', 'redshift-serverless:DeleteNamespace',
        'redshift-serverless:CreateWorkgroup', 'redshift-serverless:GetWorkgroup', 'redshift-serverless:DeleteWorkgroup',
        'redshift-serverless:TagResource', 'redshift-serverless:ListTagsForResource',
      ],
      Resource: [arn('namespace'), arn('workgroup')],
      why: `create, follow and delete namespace ${namespaceName} and workgroup ${workgroupName} (tagged sparkify:managed)`,
    },
    {
      Sid: 'SparkifyServerlessCredentials',
      Effect: 'Allow',
      Action: ['redshift-serverless:GetCredentials'],
      Resource: [arn('workgroup')],
      why: `the Data API signs in to ${config.dwh.dbName} on ${workgroupName} with temporary credentials for your IAM identity`,
    },
    {
      Sid: 'SparkifyDataApiOnWorkgroup',
      Effect: 'Allow',
      Action: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
      Resource: [arn('workgroup')],
      why: `run SQL on workgroup ${workgroupName} (WorkgroupName + Database, no DbUser)`,
    },
    {
      Sid: 'SparkifyManagedAdminPassword',
      Effect: 'Allow',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource', 'secretsmanager:DescribeSecret', 'secretsmanager:RotateSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:DeleteSecret'],
      Resource: [`arn:aws:secretsmanager:${region}:${account}:secret:redshift!${namespaceName}-*`],
      why: 'manageAdminPassword: Redshift Serverless keeps the admin password in Secrets Manager, so none is stored or printed',
    },
  ];
}
