// A Redshift Data service over a fake cluster catalog and temp folders, driven through handle().
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClusterView, EmulatorDelays, RedshiftDataService } from '../../../src/emulator/contracts.js';
import { createRedshiftDataService } from '../../../src/emulator/redshift-data/index.js';

export const ROLE = 'arn:aws:iam::123456789012:role/dwhRole';

export interface Harness {
  service: RedshiftDataService;
  cluster: ClusterView;
  s3Root: string;
  roles: Set<string>;
  put(key: string, body: string | Buffer): void;
  start(sql: string, extra?: Record<string, unknown>): Promise<string>;
  wait(id: string): Promise<Record<string, any>>;
  run(sql: string): Promise<Record<string, any>>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export function createHarness(delays: Partial<EmulatorDelays> = {}): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-rsd-'));
  const s3Root = join(dir, 's3');
  mkdirSync(join(s3Root, 'bucket'), { recursive: true });
  const roles = new Set([ROLE]);
  const cluster: ClusterView = {
    identifier: 'dwh', status: 'available', dbName: 'dwh', masterUsername: 'dwhuser',
    iamRoleArns: [ROLE], databasePath: join(dir, 'state', 'dwh.duckdb'),
  };
  const service = createRedshiftDataService({
    catalog: { findCluster: (id) => (id === cluster.identifier ? cluster : undefined), roleArnExists: (arn) => roles.has(arn), databasePathOf: (id) => join(dir, 'state', `${id}.duckdb`) },
    s3Root,
    delays: { clusterCreateMs: 0, clusterDeleteMs: 0, statementStartMs: 0, ...delays },
  });
  const h: Harness = {
    service, cluster, s3Root, roles,
    put(key, body) {
      const p = join(s3Root, 'bucket', key);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, body);
    },
    async start(sql, extra = {}) {
      const r = (await service.handle('ExecuteStatement', { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser', Sql: sql, ...extra })) as { Id: string };
      return r.Id;
    },
    async wait(id) {
      for (;;) {
        const d = (await service.handle('DescribeStatement', { Id: id })) as Record<string, any>;
        if (['FINISHED', 'FAILED', 'ABORTED'].includes(d.Status)) return d;
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async run(sql) {
      return h.wait(await h.start(sql));
    },
    async rows(sql) {
      const d = await h.run(sql);
      if (d.Status !== 'FINISHED') throw new Error(`${sql}: ${d.Error}`);
      const out: Record<string, unknown>[] = [];
      let token: string | undefined;
      do {
        const r = (await service.handle('GetStatementResult', { Id: d.Id, NextToken: token })) as Record<string, any>;
        const names = r.ColumnMetadata.map((c: any) => c.name);
        for (const rec of r.Records) {
          out.push(Object.fromEntries(rec.map((f: any, i: number) => [names[i], f.isNull ? null : Object.values(f)[0]])));
        }
        token = r.NextToken;
      } while (token);
      return out;
    },
    async close() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
