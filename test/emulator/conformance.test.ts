// The conformance check itself must be able to fail: wrong shapes are reported, right ones pass.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeStatement$, GetStatementResultV2$, RedshiftDataClient, DescribeStatementCommand } from '@aws-sdk/client-redshift-data';
import { DescribeClusters$ } from '@aws-sdk/client-redshift';
import { validateShape, withConformance } from '../helpers/sdk-conformance.js';

const check = (value: unknown, op: unknown[]): string[] => {
  const problems: string[] = [];
  validateShape(value, op[5], String(op[2]), problems, String(op[2]));
  return problems;
};

describe('SDK-model conformance check', () => {
  it('reports missing required members, wrong types, bad unions and enum values', () => {
    const op = DescribeStatement$ as unknown as unknown[];
    expect(check({ Id: 'x', Status: 'FINISHED', CreatedAt: new Date(), ResultRows: 1 }, op)).toEqual([]);
    expect(check({ Status: 'FINISHED' }, op)).toEqual(['DescribeStatement.Id: required by DescribeStatementResponse but missing']);
    expect(check({ Id: 'x', ResultRows: '1' }, op)).toEqual(['DescribeStatement.ResultRows: expected number, got string ("1")']);
    expect(check({ Id: 'x', Status: 'DONE' }, op)[0]).toMatch(/'DONE' is not one of/);
    const v2 = GetStatementResultV2$ as unknown as unknown[];
    expect(check({ Records: [[{ longValue: 1 }]] }, v2)[0]).toMatch(/Records\[0\]: expected a structure/);
    expect(check({ Records: [{ CSVRecords: 'a\n1\n' }], ResultFormat: 'CSV' }, v2)).toEqual([]);
    const clusters = DescribeClusters$ as unknown as unknown[];
    expect(check({ Clusters: [{ NumberOfNodes: NaN, VpcId: 5 }] }, clusters)).toEqual([
      'DescribeClusters.Clusters[0].VpcId: expected string, got number (5)',
      'DescribeClusters.Clusters[0].NumberOfNodes: expected a number, got NaN',
    ]);
  });

  describe('as client middleware', () => {
    let server: Server;
    let endpoint: string;
    beforeAll(async () => {
      server = createServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' }); res.end('{"Status":"FINISHED"}'); });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('fails the call whose response lacks a required member', async () => {
      const client = withConformance(new RedshiftDataClient({ endpoint, region: 'us-west-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 }));
      await expect(client.send(new DescribeStatementCommand({ Id: 'x' }))).rejects.toThrow(/DescribeStatement response does not match the SDK model:\n {2}DescribeStatement.Id: required/);
      client.destroy();
    });
  });
});
