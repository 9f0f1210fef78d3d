// Redshift Serverless through the real SDK client over HTTP: every emulated operation, its status
// sequence and its errors, and the Data API with WorkgroupName running SQL and COPY on the namespace.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  CreateNamespaceCommand, CreateWorkgroupCommand, DeleteNamespaceCommand, DeleteWorkgroupCommand, GetCredentialsCommand,
  GetNamespaceCommand, GetWorkgroupCommand, ListNamespacesCommand, ListTagsForResourceCommand, ListWorkgroupsCommand,
  RedshiftServerlessClient, TagResourceCommand, UntagResourceCommand,
} from '@aws-sdk/client-redshift-serverless';
import { DescribeStatementCommand, ExecuteStatementCommand, GetStatementResultCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { clientConfig, REDSHIFT_TRUST_POLICY, rejectionOf, startTestEmulator, type TestEmulator } from '../control-plane/helpers.js';

const SAMPLE = join(process.cwd(), 'data/s3/udacity-dend');

let t: TestEmulator;
let serverless: RedshiftServerlessClient;
let data: RedshiftDataClient;

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function runSql(sql: string): Promise<{ status?: string; error?: string; id: string }> {
  const { Id } = await data.send(new ExecuteStatementCommand({ WorkgroupName: 'sparkify-wg', Database: 'sparkify', Sql: sql }));
  const described = await until(() => data.send(new DescribeStatementCommand({ Id })), (d) => ['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status ?? ''));
  return { status: described.Status, error: described.Error, id: Id! };
}

async function createNamespaceAndWorkgroup(roleArn?: string): Promise<void> {
  await serverless.send(new CreateNamespaceCommand({
    namespaceName: 'sparkify-ns', adminUsername: 'sparkify_admin', manageAdminPassword: true, dbName: 'sparkify',
    ...(roleArn ? { iamRoles: [roleArn], defaultIamRoleArn: roleArn } : {}), tags: [{ key: 'sparkify:managed', value: 'true' }],
  }));
  await serverless.send(new CreateWorkgroupCommand({ workgroupName: 'sparkify-wg', namespaceName: 'sparkify-ns', baseCapacity: 8, publiclyAccessible: false }));
}

describe('Redshift Serverless over HTTP', () => {
  beforeEach(async () => {
    t = await startTestEmulator({ clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0 });
    serverless = new RedshiftServerlessClient(clientConfig(t.emulator.endpoint));
    data = new RedshiftDataClient(clientConfig(t.emulator.endpoint));
  });
  afterEach(async () => {
    serverless.destroy();
    data.destroy();
    await t.stop();
    t.dirs.remove();
  });

  it('creates, gets, lists, tags and deletes a namespace and its workgroup, with AWS’s statuses', async () => {
    const { namespace } = await serverless.send(new CreateNamespaceCommand({ namespaceName: 'sparkify-ns', adminUsername: 'sparkify_admin', manageAdminPassword: true, dbName: 'sparkify' }));
    expect(namespace).toMatchObject({ namespaceName: 'sparkify-ns', status: 'AVAILABLE', adminUsername: 'sparkify_admin', dbName: 'sparkify' });
    expect(namespace?.adminPasswordSecretArn).toMatch(/^arn:aws:secretsmanager:us-west-2:\d{12}:secret:redshift!sparkify-ns/);
    expect(namespace?.creationDate).toBeInstanceOf(Date);

    const created = await serverless.send(new CreateWorkgroupCommand({ workgroupName: 'sparkify-wg', namespaceName: 'sparkify-ns', baseCapacity: 8 }));
    expect(created.workgroup).toMatchObject({ workgroupName: 'sparkify-wg', namespaceName: 'sparkify-ns', baseCapacity: 8, publiclyAccessible: false, port: 5439 });
    const { workgroup } = await serverless.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }));
    expect(workgroup?.status).toBe('AVAILABLE');
    expect(workgroup?.endpoint?.address).toMatch(/^sparkify-wg\.\d{12}\.us-west-2\.redshift-serverless\.amazonaws\.com$/);

    expect((await serverless.send(new ListNamespacesCommand({}))).namespaces?.map((n) => n.namespaceName)).toEqual(['sparkify-ns']);
    expect((await serverless.send(new ListWorkgroupsCommand({}))).workgroups?.map((w) => w.workgroupName)).toEqual(['sparkify-wg']);

    const arn = workgroup!.workgroupArn!;
    await serverless.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'sparkify:managed', value: 'true' }, { key: 'team', value: 'data' }] }));
    await serverless.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
    expect((await serverless.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags).toEqual([{ key: 'sparkify:managed', value: 'true' }]);

    const credentials = await serverless.send(new GetCredentialsCommand({ workgroupName: 'sparkify-wg', dbName: 'sparkify' }));
    expect(credentials.dbUser).toMatch(/^IAM:/);
    expect(credentials.expiration).toBeInstanceOf(Date);

    // A namespace with a workgroup cannot go; the workgroup goes first, then the namespace.
    expect((await rejectionOf(serverless.send(new DeleteNamespaceCommand({ namespaceName: 'sparkify-ns' })))).name).toBe('ConflictException');
    expect((await serverless.send(new DeleteWorkgroupCommand({ workgroupName: 'sparkify-wg' }))).workgroup?.status).toBe('DELETING');
    await until(() => rejectionOf(serverless.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }))), (e) => e.name === 'ResourceNotFoundException');
    expect((await serverless.send(new DeleteNamespaceCommand({ namespaceName: 'sparkify-ns' }))).namespace?.status).toBe('DELETING');
    await until(() => rejectionOf(serverless.send(new GetNamespaceCommand({ namespaceName: 'sparkify-ns' }))), (e) => e.name === 'ResourceNotFoundException');
    expect((await serverless.send(new ListNamespacesCommand({}))).namespaces).toEqual([]);
  });

  it('answers AWS’s errors: bad names, duplicates, unknown resources, bad capacity, one workgroup per namespace', async () => {
    expect((await rejectionOf(serverless.send(new CreateNamespaceCommand({ namespaceName: 'Bad_Name' })))).name).toBe('ValidationException');
    await serverless.send(new CreateNamespaceCommand({ namespaceName: 'sparkify-ns' }));
    expect((await rejectionOf(serverless.send(new CreateNamespaceCommand({ namespaceName: 'sparkify-ns' })))).name).toBe('ConflictException');
    expect((await rejectionOf(serverless.send(new CreateNamespaceCommand({ namespaceName: 'other-ns', adminUserPassword: 'Passw0rd!x', manageAdminPassword: true })))).name).toBe('ValidationException');
    expect((await rejectionOf(serverless.send(new GetNamespaceCommand({ namespaceName: 'missing-ns' })))).name).toBe('ResourceNotFoundException');
    expect((await rejectionOf(serverless.send(new CreateWorkgroupCommand({ workgroupName: 'wg-one', namespaceName: 'missing-ns' })))).name).toBe('ResourceNotFoundException');
    for (const baseCapacity of [4, 12, 1024]) {
      expect((await rejectionOf(serverless.send(new CreateWorkgroupCommand({ workgroupName: 'wg-one', namespaceName: 'sparkify-ns', baseCapacity })))).name).toBe('ValidationException');
    }
    await serverless.send(new CreateWorkgroupCommand({ workgroupName: 'wg-one', namespaceName: 'sparkify-ns', baseCapacity: 32 }));
    expect((await rejectionOf(serverless.send(new CreateWorkgroupCommand({ workgroupName: 'wg-one', namespaceName: 'sparkify-ns' })))).name).toBe('ConflictException');
    expect((await rejectionOf(serverless.send(new CreateWorkgroupCommand({ workgroupName: 'wg-two', namespaceName: 'sparkify-ns' })))).name).toBe('ConflictException');
    expect((await rejectionOf(serverless.send(new GetWorkgroupCommand({ workgroupName: 'missing-wg' })))).name).toBe('ResourceNotFoundException');
    expect((await rejectionOf(serverless.send(new TagResourceCommand({ resourceArn: 'arn:aws:redshift-serverless:us-west-2:123456789012:workgroup/nope', tags: [] })))).name).toBe('ResourceNotFoundException');
    expect((await rejectionOf(serverless.send(new GetCredentialsCommand({ workgroupName: 'wg-one', durationSeconds: 10 })))).name).toBe('ValidationException');
  });

  it('keeps a workgroup CREATING for the create delay, refusing SQL until it is AVAILABLE', async () => {
    await t.stop();
    t = await startTestEmulator({ clusterCreateMs: 60_000, clusterDeleteMs: 0, statementStartMs: 0 }, t.dirs);
    serverless.destroy();
    data.destroy();
    serverless = new RedshiftServerlessClient(clientConfig(t.emulator.endpoint));
    data = new RedshiftDataClient(clientConfig(t.emulator.endpoint));
    await createNamespaceAndWorkgroup();
    expect((await serverless.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }))).workgroup?.status).toBe('CREATING');
    const refused = await rejectionOf(data.send(new ExecuteStatementCommand({ WorkgroupName: 'sparkify-wg', Database: 'sparkify', Sql: 'select 1' })));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toMatch(/not available: its status is CREATING/);
    expect((await rejectionOf(serverless.send(new DeleteWorkgroupCommand({ workgroupName: 'sparkify-wg' })))).name).toBe('ConflictException');
  });

  it('runs SQL and a COPY with the namespace’s IAM role through the Data API with WorkgroupName', async () => {
    cpSync(SAMPLE, join(t.dirs.s3Root, 'udacity-dend'), { recursive: true });
    const { Role } = await t.iam.send(new CreateRoleCommand({ RoleName: 'sparkify-s3', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    await createNamespaceAndWorkgroup(Role!.Arn);
    expect((await runSql('CREATE TABLE staging_songs (num_songs INT, artist_id VARCHAR(32), artist_latitude FLOAT, artist_longitude FLOAT, artist_location VARCHAR(512), artist_name VARCHAR(512), song_id VARCHAR(32), title VARCHAR(512), duration FLOAT, year INT) DISTSTYLE EVEN')).status).toBe('FINISHED');
    const copy = await runSql(`COPY staging_songs FROM 's3://udacity-dend/song_data' IAM_ROLE default FORMAT AS JSON 'auto' REGION 'us-west-2'`);
    expect(copy).toMatchObject({ status: 'FINISHED' });
    const count = await runSql('SELECT COUNT(*) AS n FROM staging_songs');
    const result = await data.send(new GetStatementResultCommand({ Id: count.id }));
    expect(result.Records?.[0]?.[0]?.longValue).toBe(71);
    const described = await data.send(new DescribeStatementCommand({ Id: count.id }));
    expect(described).toMatchObject({ WorkgroupName: 'sparkify-wg', Database: 'sparkify' });
    expect(described.ClusterIdentifier).toBeUndefined();

    // DbUser is a cluster notion: with WorkgroupName the caller's IAM identity is the user.
    const withUser = await rejectionOf(data.send(new ExecuteStatementCommand({ WorkgroupName: 'sparkify-wg', Database: 'sparkify', DbUser: 'x', Sql: 'select 1' })));
    expect(withUser.name).toBe('ValidationException');
    expect((await rejectionOf(data.send(new ExecuteStatementCommand({ WorkgroupName: 'missing-wg', Database: 'sparkify', Sql: 'select 1' })))).name).toBe('ValidationException');

    // The namespace's data goes with the namespace: a new one of the same name starts empty.
    await serverless.send(new DeleteWorkgroupCommand({ workgroupName: 'sparkify-wg' }));
    await until(() => rejectionOf(serverless.send(new GetWorkgroupCommand({ workgroupName: 'sparkify-wg' }))), (e) => e.name === 'ResourceNotFoundException');
    await serverless.send(new DeleteNamespaceCommand({ namespaceName: 'sparkify-ns' }));
    await until(() => serverless.send(new ListNamespacesCommand({})), (r) => (r.namespaces ?? []).length === 0);
    await createNamespaceAndWorkgroup(Role!.Arn);
    expect(await runSql('SELECT COUNT(*) FROM staging_songs')).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/relation "staging_songs" does not exist/) });
  });
});
