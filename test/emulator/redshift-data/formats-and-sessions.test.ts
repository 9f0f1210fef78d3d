// ResultFormat CSV, Data API sessions and request validation, through the real SDK over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, waitUntilClusterAvailable } from '@aws-sdk/client-redshift';
import {
  RedshiftDataClient, ExecuteStatementCommand, BatchExecuteStatementCommand, DescribeStatementCommand,
  GetStatementResultCommand, GetStatementResultV2Command, ListStatementsCommand, type DescribeStatementCommandOutput,
} from '@aws-sdk/client-redshift-data';
import { withConformance } from '../../helpers/sdk-conformance.js';
import { clientConfig, rejectionOf, REDSHIFT_TRUST_POLICY, startTestEmulator, type TestEmulator } from '../control-plane/helpers.js';

describe('Redshift Data: CSV results, sessions, validation', () => {
  let t: TestEmulator;
  let data: RedshiftDataClient;
  const db = { ClusterIdentifier: 'fmt-dwh', Database: 'dev', DbUser: 'awsuser' };

  beforeAll(async () => {
    t = await startTestEmulator();
    const role = await t.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
    await t.redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'fmt-dwh', NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd!', DBName: 'dev', ClusterType: 'single-node', IamRoles: [role.Role!.Arn!] }));
    await waitUntilClusterAvailable({ client: t.redshift, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.1 }, { ClusterIdentifier: 'fmt-dwh' });
    data = withConformance(new RedshiftDataClient(clientConfig(t.emulator.endpoint)));
  });
  afterAll(async () => {
    data?.destroy();
    await t?.stop();
  });

  async function finished(id: string): Promise<DescribeStatementCommandOutput> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const d = await data.send(new DescribeStatementCommand({ Id: id }));
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status!)) return d;
      if (Date.now() > deadline) throw new Error(`statement ${id} still ${d.Status}`);
      await new Promise((r) => setImmediate(r));
    }
  }

  it('ResultFormat CSV: V2 returns CSV text with a header, GetStatementResult refuses it, and V2 refuses a JSON statement', async () => {
    const { Id } = await data.send(new ExecuteStatementCommand({ ...db, ResultFormat: 'CSV',
      Sql: `SELECT * FROM (VALUES (1, 'a,b', NULL), (2, 'say "hi"', 2.5)) AS t(id, txt, x) ORDER BY id` }));
    const d = await finished(Id!);
    expect(d.Status).toBe('FINISHED');
    expect(d.ResultFormat).toBe('CSV');
    const v2 = await data.send(new GetStatementResultV2Command({ Id }));
    expect(v2.ResultFormat).toBe('CSV');
    expect(v2.TotalNumRows).toBe(2);
    expect(v2.ColumnMetadata?.map((c) => c.name)).toEqual(['id', 'txt', 'x']);
    expect(v2.Records).toEqual([{ CSVRecords: 'id,txt,x\n1,"a,b",\n2,"say ""hi""",2.5\n' }]);
    const refused = await rejectionOf(data.send(new GetStatementResultCommand({ Id })));
    expect(refused.name).toBe('ValidationException');
    expect(refused.message).toMatch(/ResultFormat CSV.*GetStatementResultV2/);

    const json = await data.send(new ExecuteStatementCommand({ ...db, Sql: 'SELECT 1 AS one' }));
    expect((await finished(json.Id!)).ResultFormat).toBe('JSON');
    const v2Refused = await rejectionOf(data.send(new GetStatementResultV2Command({ Id: json.Id })));
    expect(v2Refused.name).toBe('ValidationException');
    expect(v2Refused.message).toMatch(/ResultFormat JSON.*GetStatementResult\b/);

    const batch = await data.send(new BatchExecuteStatementCommand({ ...db, ResultFormat: 'CSV', Sqls: ['SELECT 1 AS a', 'SELECT 2 AS b'] }));
    await finished(batch.Id!);
    expect((await data.send(new GetStatementResultV2Command({ Id: `${batch.Id}:2` }))).Records).toEqual([{ CSVRecords: 'b\n2\n' }]);
    const bad = await rejectionOf(data.send(new ExecuteStatementCommand({ ...db, Sql: 'SELECT 1', ResultFormat: 'XML' as never })));
    expect(bad.message).toMatch(/enum value set: \[JSON, CSV\]/);
  });

  it('SessionKeepAliveSeconds returns a SessionId; SessionId reuses the session (temp tables, search_path)', async () => {
    const first = await data.send(new ExecuteStatementCommand({ ...db, SessionKeepAliveSeconds: 60, Sql: 'CREATE TEMP TABLE scratch (n INT)' }));
    expect(first.SessionId).toMatch(/^[a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}$/);
    expect((await finished(first.Id!)).Status).toBe('FINISHED');
    const sessionId = first.SessionId!;
    for (const Sql of ['INSERT INTO scratch VALUES (1), (2)', 'CREATE SCHEMA IF NOT EXISTS sparkify', 'SET search_path TO sparkify', 'CREATE TABLE songs (song_id VARCHAR)']) {
      const r = await data.send(new ExecuteStatementCommand({ SessionId: sessionId, Sql }));
      expect(r.SessionId).toBe(sessionId);
      const d = await finished(r.Id!);
      expect(d.Status, `${Sql}: ${d.Error}`).toBe('FINISHED');
      expect(d.SessionId).toBe(sessionId);
    }
    const count = await data.send(new ExecuteStatementCommand({ SessionId: sessionId, Sql: 'SELECT count(*) AS n, current_setting(\'search_path\') AS p FROM scratch' }));
    await finished(count.Id!);
    const rows = await data.send(new GetStatementResultCommand({ Id: count.Id }));
    expect(rows.Records?.[0][0]).toEqual({ longValue: 2 });
    const placed = await data.send(new ExecuteStatementCommand({ ...db, Sql: `SELECT table_schema FROM information_schema.tables WHERE table_name = 'songs'` }));
    await finished(placed.Id!);
    expect((await data.send(new GetStatementResultCommand({ Id: placed.Id }))).Records).toEqual([[{ stringValue: 'sparkify' }]]);
    const listed = await data.send(new ListStatementsCommand({ MaxResults: 100 }));
    expect(listed.Statements?.filter((x) => x.SessionId === sessionId).length).toBe(6);
    expect(listed.Statements?.find((x) => x.Id === first.Id)?.ResultFormat).toBe('JSON');
    // Outside the session the temp table does not exist.
    const outside = await data.send(new ExecuteStatementCommand({ ...db, Sql: 'SELECT * FROM scratch' }));
    expect((await finished(outside.Id!)).Status).toBe('FAILED');
  });

  it('a session expires keep-alive seconds after its last statement', async () => {
    const first = await data.send(new ExecuteStatementCommand({ ...db, SessionKeepAliveSeconds: 1, Sql: 'CREATE TEMP TABLE short_lived (n INT)' }));
    const done = await finished(first.Id!);
    // Expiry is defined by time: wait until keep-alive seconds have passed since the statement ended.
    const expiresAt = done.UpdatedAt!.getTime() + 1000;
    while (Date.now() <= expiresAt + 50) await new Promise((r) => setTimeout(r, 50));
    const error = await rejectionOf(data.send(new ExecuteStatementCommand({ SessionId: first.SessionId, Sql: 'SELECT 1' })));
    expect(error?.name).toBe('ValidationException');
    expect(error?.message).toMatch(/Session .* is not available/);
  });

  it('a malformed statement Id is a ValidationException naming the pattern, with x-amzn-ErrorType on the wire', async () => {
    const err = await rejectionOf(data.send(new DescribeStatementCommand({ Id: 'test' })));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe(`1 validation error detected: Value 'test' at 'id' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9]{8}(-[a-z0-9]{4}){3}-[a-z0-9]{12}(:\\d{0,2})?`);
    const missing = await rejectionOf(data.send(new DescribeStatementCommand({ Id: '00000000-0000-0000-0000-000000000000' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    const res = await fetch(t.emulator.endpoint, {
      method: 'POST', body: JSON.stringify({ Id: 'test' }),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RedshiftData.DescribeStatement', authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-west-2/redshift-data/aws4_request, SignedHeaders=host, Signature=0' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('ValidationException');
  });
});
