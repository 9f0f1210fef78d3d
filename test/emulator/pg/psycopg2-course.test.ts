// The classic course scripts against the local cluster, unchanged but for HOST and DB_PASSWORD:
// psycopg2 (Debian's, under /usr/bin/python3) runs DROP/CREATE with DISTSTYLE/SORTKEY, COPY … IAM_ROLE
// … FORMAT AS JSON with a JSONPaths file, INSERT … SELECT and commits, then counts.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeClustersCommand } from '@aws-sdk/client-redshift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadedCluster, run, type LoadedCluster } from './pg-helpers.js';

const PYTHON = '/usr/bin/python3';
const hasPsycopg2 = existsSync(PYTHON) && (await run(PYTHON, ['-c', 'import psycopg2'])).code === 0;

describe.skipIf(!hasPsycopg2)('a psycopg2 script in the course style', () => {
  let cluster: LoadedCluster;
  beforeAll(async () => {
    cluster = await loadedCluster({ etl: false });
  }, 120_000);
  afterAll(async () => cluster?.close());

  it('creates, loads and counts the tables through the PostgreSQL endpoint', async () => {
    const c = cluster.connection;
    const { Clusters } = await cluster.warehouse.clients.redshift.send(new DescribeClustersCommand({ ClusterIdentifier: 'sparkify-dwh' }));
    const roleArn = Clusters![0].IamRoles![0].IamRoleArn!;
    const cfg = join(cluster.ws.dir, 'course-dwh.cfg');
    writeFileSync(
      cfg,
      [
        '[CLUSTER]', `HOST=${c.host}`, `DB_NAME=${c.database}`, `DB_USER=${c.user}`, `DB_PASSWORD=${c.password}`, `DB_PORT=${c.port}`,
        '[IAM_ROLE]', `ARN=${roleArn}`,
        '[S3]', 'LOG_DATA=s3://udacity-dend/log_data', 'LOG_JSONPATH=s3://udacity-dend/log_json_path.json', 'SONG_DATA=s3://udacity-dend/song_data',
      ].join('\n') + '\n',
      { mode: 0o600 },
    );
    const result = await run(PYTHON, [join(import.meta.dirname, 'course_etl.py'), cfg]);
    expect(result.code, result.stderr).toBe(0);
    const counts = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(counts).toEqual({ staging_events: 8056, staging_songs: 71, songplays: 6820, users: 96, error: '42P01' });
  });
});
