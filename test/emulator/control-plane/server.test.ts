import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateClusterCommand, DescribeClustersCommand } from '@aws-sdk/client-redshift';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  GetStatementResultCommand,
  RedshiftDataClient,
} from '@aws-sdk/client-redshift-data';
import { signed } from '../../helpers/raw-http.js';
import { clientConfig, rejectionOf, startTestEmulator, type TestEmulator } from './helpers.js';
import { withConformance } from '../../helpers/sdk-conformance.js';

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('emulator server', () => {
  let t: TestEmulator;
  let data: RedshiftDataClient;
  beforeAll(async () => {
    t = await startTestEmulator();
    data = withConformance(new RedshiftDataClient(clientConfig(t.emulator.endpoint)));
  });
  afterAll(async () => {
    data.destroy();
    await t.stop();
    t.dirs.remove();
  });

  it('listens on 127.0.0.1 only, on an ephemeral port', async () => {
    expect(t.emulator.endpoint).toBe(`http://127.0.0.1:${t.emulator.port}`);
    expect(t.emulator.port).toBeGreaterThan(0);
    expect(await canConnect('127.0.0.1', t.emulator.port)).toBe(true);
    // Bound to 0.0.0.0 it would also answer on other loopback addresses.
    expect(await canConnect('127.0.0.2', t.emulator.port)).toBe(false);
    expect(await canConnect('::1', t.emulator.port)).toBe(false);
  });

  it('answers STS GetCallerIdentity', async () => {
    const identity = await t.sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(identity.Arn).toBe('arn:aws:iam::123456789012:user/sparkify-emulator');
    expect(identity.UserId).toMatch(/^AIDA/);
    expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown awsQuery action with InvalidAction', async () => {
    const response = await fetch(t.emulator.endpoint, {
      method: 'POST',
      // What the SDK sends: a form body and a SigV4 Authorization header (unsigned requests are refused).
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: String(signed(t.emulator.port).authorization) },
      body: 'Action=Nope&Version=2012-12-01',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const body = await response.text();
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toContain('<ErrorResponse xmlns="http://redshift.amazonaws.com/doc/2012-12-01/">');
  });

  it('routes RedshiftData JSON requests to the Data API and renders its errors as JSON', async () => {
    const response = await fetch(t.emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RedshiftData.NoSuchOperation', authorization: String(signed(t.emulator.port).authorization) },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBeTruthy();
    expect(body.message).toContain('NoSuchOperation');

    const error = await rejectionOf(data.send(new DescribeStatementCommand({ Id: '00000000-0000-0000-0000-000000000000' })));
    expect(error.$metadata?.httpStatusCode).toBeGreaterThanOrEqual(400);
    expect(error.$metadata?.httpStatusCode).toBeLessThan(500);
  });

  it('runs SQL on a cluster it created (the catalog seam)', async () => {
    await t.redshift.send(
      new CreateClusterCommand({ ClusterIdentifier: 'sql', NodeType: 'dc2.large', MasterUsername: 'awsuser', MasterUserPassword: 'Passw0rd', DBName: 'dwh' }),
    );
    const { Clusters } = await t.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'sql' }));
    expect(Clusters![0].ClusterStatus).toBe('available');
    const { Id } = await data.send(new ExecuteStatementCommand({ ClusterIdentifier: 'sql', Database: 'dwh', DbUser: 'awsuser', Sql: 'select 1 as one' }));
    let status: string | undefined;
    for (let i = 0; i < 200 && status !== 'FINISHED' && status !== 'FAILED'; i++) {
      status = (await data.send(new DescribeStatementCommand({ Id }))).Status;
      if (status !== 'FINISHED') await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe('FINISHED');
    const result = await data.send(new GetStatementResultCommand({ Id }));
    expect(result.Records).toEqual([[{ longValue: 1 }]]);
    expect(t.emulator.requests.some((request) => request.service === 'redshift-data' && request.operation === 'ExecuteStatement')).toBe(true);
  });
});
