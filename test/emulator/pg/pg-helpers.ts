// A loaded local cluster (as after `sparkify run`) and how a client connects to it: the endpoint
// DescribeClusters reports and the master password from the cluster's managed secret.
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { execFile } from 'node:child_process';
import { createWorkspace, openWarehouseWithTables, type Workspace } from '../../helpers/workspace.js';
import type { Warehouse } from '../../../src/workflow/warehouse.js';

export interface Connection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

export interface LoadedCluster {
  ws: Workspace;
  warehouse: Warehouse;
  connection: Connection;
  close(): Promise<void>;
}

export async function connectionOf(warehouse: Warehouse, endpoint: string): Promise<Connection> {
  const { Clusters } = await warehouse.clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'sparkify-dwh' }));
  const cluster = Clusters![0];
  const secrets = new SecretsManagerClient({ region: 'us-west-2', endpoint, credentials: { accessKeyId: 'sparkify-local', secretAccessKey: 'sparkify-local' } });
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: cluster.MasterPasswordSecretArn }));
  secrets.destroy();
  const { username, password } = JSON.parse(SecretString!) as { username: string; password: string };
  return { host: cluster.Endpoint!.Address!, port: cluster.Endpoint!.Port!, database: cluster.DBName!, user: username, password };
}

export async function loadedCluster({ etl = true } = {}): Promise<LoadedCluster> {
  const ws = createWorkspace();
  const warehouse = await openWarehouseWithTables(ws, { localMode: 'in-process' });
  if (etl) await warehouse.runEtl(() => {});
  const connection = await connectionOf(warehouse, await endpointOf(warehouse));
  return {
    ws,
    warehouse,
    connection,
    async close() {
      await warehouse.close();
      ws.remove();
    },
  };
}

/** The emulator's HTTP endpoint, as the warehouse's own SDK clients were given it. */
export async function endpointOf(warehouse: Warehouse): Promise<string> {
  const ep = await warehouse.clients.redshift.config.endpoint!();
  return `${ep.protocol}//${ep.hostname}:${ep.port}`;
}

export interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const child = execFile(command, args, { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function psql(c: Connection, args: string[]): Promise<ProcessRun> {
  return run('psql', ['-h', c.host, '-p', String(c.port), '-U', c.user, '-d', c.database, '-X', '-v', 'ON_ERROR_STOP=1', ...args], { PGPASSWORD: c.password, PGCONNECT_TIMEOUT: '20' });
}
