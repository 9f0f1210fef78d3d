// The plan shown before anything is created, like `terraform plan`: resources, SQL steps, cost.
import { configuredBuckets, estimateHourlyCost, type SparkifyConfig } from '../config/index.js';
import { verifyCredentials, type AwsClients } from '../services/clients.js';
import { describeCluster } from '../services/cluster.js';
import { findRole } from '../services/iam-role.js';
import { listPrefix } from '../services/s3-listing.js';
import { STAR_TABLES, STAGING_TABLES } from './etl.js';
import { describeExpectedLoad } from './source-counts.js';
import type { Plan, PlanResource } from './types.js';

export const SQL_STEPS = [
  'drop tables (sql/drop_tables.sql)',
  'create staging and star tables (sql/create_tables.sql)',
  'empty the staging tables (sql/truncate_staging.sql)',
  'COPY staging_events and staging_songs, concurrently (sql/copy_staging.sql)',
  'replace songplays, users, songs, artists and time in one transaction (sql/insert_*.sql, sql/record_load.sql)',
  'quality checks (sql/quality_checks.sql)',
  'analytics (sql/analytics/*.sql)',
];

export async function buildPlan(config: SparkifyConfig, clients: AwsClients, warnings: string[]): Promise<Plan> {
  const [identity, role, cluster, localSongs] = await Promise.all([
    verifyCredentials(clients.sts).catch((err: Error & { hint?: string }) => ({ error: err.message, hint: err.hint })),
    findRole(clients.iam, config.dwh.iamRoleName).catch(() => undefined),
    describeCluster(clients.redshift, config.dwh.clusterIdentifier).catch(() => undefined),
    // Locally the listing is free and exact; on AWS the known size of the course prefixes is enough.
    config.target === 'local' ? listPrefix(clients.s3, config.s3.songData).catch(() => undefined) : undefined,
  ]);
  const resources: PlanResource[] = [
    {
      kind: 'iam-role',
      name: config.dwh.iamRoleName,
      action: role ? (role.managed ? 'reuse' : 'exists') : 'create',
      detail: role && !role.managed ? 'exists but is not tagged sparkify:managed — the tool will refuse to use it' : `S3 read-only on ${configuredBuckets(config).join(', ')}`,
    },
    {
      kind: 'cluster',
      name: config.dwh.clusterIdentifier,
      action: cluster ? (cluster.managed ? 'reuse' : 'exists') : 'create',
      detail: cluster
        ? `${cluster.status}${cluster.managed ? '' : ' — not tagged sparkify:managed, the tool will refuse to use it'}`
        : `${config.dwh.numNodes} × ${config.dwh.nodeType}, private, encrypted, managed master password`,
    },
    ...[...STAGING_TABLES, ...STAR_TABLES].map((name) => ({ kind: 'table' as const, name, action: 'create' as const })),
  ];
  const cost = estimateHourlyCost(config);
  return {
    target: config.target,
    region: config.aws.region,
    identity,
    cluster: {
      identifier: config.dwh.clusterIdentifier,
      nodeType: config.dwh.nodeType,
      nodes: config.dwh.numNodes,
      clusterType: config.dwh.clusterType,
      database: config.dwh.dbName,
      dbUser: config.dwh.dbUser,
      port: config.dwh.dbPort,
    },
    sources: { logData: config.s3.logData, logJsonPath: config.s3.logJsonPath, songData: config.s3.songData, region: config.s3.region ?? "the bucket's own (looked up)" },
    resources,
    sqlSteps: SQL_STEPS,
    costPerHourUsd: config.target === 'local' ? 0 : (cost?.usdPerHour ?? 0),
    awsCostPerHourUsd: cost?.usdPerHour ?? 0,
    expectedLoad: describeExpectedLoad(config.s3.songData, localSongs?.count),
    warnings,
  };
}
