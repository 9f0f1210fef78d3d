// The real AWS SDK v3 clients against the running emulator: IAM role → cluster → Data API SQL and COPY.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { RedshiftClient, CreateClusterCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import {
  RedshiftDataClient, ExecuteStatementCommand, BatchExecuteStatementCommand, DescribeStatementCommand,
  paginateGetStatementResult, ListTablesCommand,
} from '@aws-sdk/client-redshift-data';
import { startEmulator } from '../../../src/emulator/index.js';
import { withConformance } from '../../helpers/sdk-conformance.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('Redshift Data over HTTP with the AWS SDK', () => {
  let emu: Emulator;
  let dir: string;
  let data: RedshiftDataClient;
  let roleArn: string;
  const db = { ClusterIdentifier: 'sdk-dwh', Database: 'dev', DbUser: 'awsuser' };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-sdk-'));
    cpSync('/work/main/data/s3/udacity-dend', join(dir, 's3', 'udacity-dend'), { recursive: true });
    emu = await startEmulator({ stateDir: join(dir, 'state'), s3Root: join(dir, 's3'), delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0 } });
    const config = { region: 'us-west-2', endpoint: emu.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const iam = withConformance(new IAMClient(config));
    const role = await iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
    roleArn = role.Role!.Arn!;
    const redshift = withConformance(new RedshiftClient(config));
    await redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'sdk-dwh', NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd!', DBName: 'dev', ClusterType: 'single-node', IamRoles: [roleArn] }));
    await waitUntilClusterAvailable({ client: redshift, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: 'sdk-dwh' });
    data = withConformance(new RedshiftDataClient(config));
  });
  afterAll(async () => {
    await emu?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function waitFor(id: string) {
    for (;;) {
      const d = await data.send(new DescribeStatementCommand({ Id: id }));
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status!)) return d;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('creates tables, COPYs the sample and pages typed results', async () => {
    const ddl = await data.send(new BatchExecuteStatementCommand({ ...db, Sqls: [
      `CREATE TABLE staging_songs (num_songs INTEGER, artist_id VARCHAR, artist_latitude FLOAT, artist_longitude FLOAT, artist_location VARCHAR(MAX),
         artist_name VARCHAR(MAX), song_id VARCHAR, title VARCHAR(MAX), duration FLOAT, year INTEGER) DISTSTYLE EVEN`,
    ] }));
    expect((await waitFor(ddl.Id!)).Status).toBe('FINISHED');
    const copy = await data.send(new ExecuteStatementCommand({ ...db, Sql: `COPY staging_songs FROM 's3://udacity-dend/song_data' IAM_ROLE '${roleArn}' FORMAT AS JSON 'auto' REGION 'us-west-2'` }));
    const done = await waitFor(copy.Id!);
    expect(done).toMatchObject({ Status: 'FINISHED', ResultRows: 71 });
    expect(done.CreatedAt).toBeInstanceOf(Date);
    const q = await data.send(new ExecuteStatementCommand({ ...db, Sql: 'SELECT title, year, duration FROM staging_songs, range(20) ORDER BY title' }));
    expect((await waitFor(q.Id!)).Status).toBe('FINISHED');
    let rows = 0;
    let pages = 0;
    for await (const page of paginateGetStatementResult({ client: data }, { Id: q.Id! })) {
      pages++;
      rows += page.Records!.length;
      expect(page.ColumnMetadata!.map((c) => c.typeName)).toEqual(['varchar', 'int4', 'float8']);
    }
    expect([rows, pages]).toEqual([1420, 2]);
    const tables = await data.send(new ListTablesCommand({ ...db, SchemaPattern: 'public' }));
    expect(tables.Tables!.map((t) => t.name)).toEqual(['staging_songs']);
  });

  it('reports a SQL error as a FAILED statement and an unknown cluster as ValidationException', async () => {
    const bad = await data.send(new ExecuteStatementCommand({ ...db, Sql: 'SELECT * FROM nowhere' }));
    expect(await waitFor(bad.Id!)).toMatchObject({ Status: 'FAILED', Error: 'ERROR: relation "nowhere" does not exist' });
    await expect(data.send(new ExecuteStatementCommand({ ...db, ClusterIdentifier: 'nope', Sql: 'SELECT 1' }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
