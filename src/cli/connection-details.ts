// `sparkify emulator connect` and `sparkify emulator password`: how a PostgreSQL client (psql, JDBC,
// psycopg2) reaches the local cluster. The password is printed only by `password`, asked for by
// name, so it can go straight into PGPASSWORD without showing up in a shared terminal or log.
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SparkifyConfig } from '../config/index.js';
import { UserError } from '../services/errors.js';
import type { Emit } from '../workflow/events.js';
import { openLocalService } from '../workflow/target.js';
import { createAwsClients, destroyAwsClients } from '../services/clients.js';

interface Details {
  host: string;
  port: number;
  database: string;
  user: string;
  secretArn?: string;
  endpoint: string;
}

async function details(config: SparkifyConfig): Promise<Details & { secret: string }> {
  const service = await openLocalService(config);
  const clients = createAwsClients(config, { endpoint: service.endpoint, localAccessKeyId: service.secret });
  try {
    const { Clusters } = await clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: config.dwh.clusterIdentifier })).catch(() => ({ Clusters: [] }));
    const cluster = Clusters?.[0];
    if (!cluster?.Endpoint?.Address || !cluster.Endpoint.Port) {
      throw new UserError(`The local cluster ${config.dwh.clusterIdentifier} does not exist or is not available yet.`, 'Create it with `sparkify up` (or `sparkify run`), then ask again.');
    }
    return {
      host: cluster.Endpoint.Address,
      port: cluster.Endpoint.Port,
      database: cluster.DBName ?? config.dwh.dbName,
      user: cluster.MasterUsername ?? config.dwh.dbUser,
      secretArn: cluster.MasterPasswordSecretArn,
      endpoint: service.endpoint,
      secret: service.secret,
    };
  } finally {
    destroyAwsClients(clients);
  }
}

export async function connectCommand(config: SparkifyConfig, emit: Emit): Promise<number> {
  const d = await details(config);
  const lines = [
    `host ${d.host}  port ${d.port}  database ${d.database}  user ${d.user}`,
    `psql:  PGPASSWORD="$(sparkify emulator password)" psql -h ${d.host} -p ${d.port} -U ${d.user} -d ${d.database}`,
    `JDBC:  jdbc:postgresql://${d.host}:${d.port}/${d.database}?user=${d.user}  (or jdbc:redshift://${d.host}:${d.port}/${d.database})`,
    `password: \`sparkify emulator password\`, or the SecretString of ${d.secretArn ?? 'the cluster secret'} from Secrets Manager at ${d.endpoint}`,
  ];
  for (const message of lines) emit({ type: 'notice', level: 'info', message });
  process.stdout.write(`postgresql://${d.user}@${d.host}:${d.port}/${d.database}\n`);
  return 0;
}

export async function passwordCommand(config: SparkifyConfig): Promise<number> {
  const d = await details(config);
  if (!d.secretArn) throw new UserError(`Cluster ${config.dwh.clusterIdentifier} has no managed master password.`, 'sparkify creates clusters with ManageMasterPassword; recreate it with `sparkify down` and `sparkify up`.');
  const secrets = new SecretsManagerClient({ region: config.aws.region, endpoint: d.endpoint, credentials: { accessKeyId: d.secret, secretAccessKey: 'sparkify-local' } });
  try {
    const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: d.secretArn }));
    process.stdout.write((JSON.parse(SecretString ?? '{}') as { password?: string }).password + '\n');
    return 0;
  } finally {
    secrets.destroy();
  }
}
