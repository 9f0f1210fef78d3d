// Recorded-style data for the UI tests: a plan, what detect() finds, and the event streams the
// workflow emits for each step.
import type { ProgressEvent } from '../../src/workflow/events.js';
import type { Detected, Plan } from '../../src/workflow/types.js';

export const TABLES = ['staging_events', 'staging_songs', 'songplays', 'users', 'songs', 'artists', 'time'];

export const plan: Plan = {
  target: 'aws',
  region: 'us-west-2',
  identity: { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ops' },
  cluster: { identifier: 'sparkify-dwh', nodeType: 'ra3.large', nodes: 2, clusterType: 'multi-node', database: 'dev', dbUser: 'awsuser', port: 5439 },
  sources: { logData: 's3://udacity-dend/log_data', logJsonPath: 's3://udacity-dend/log_json_path.json', songData: 's3://udacity-dend/song_data', region: 'us-west-2' },
  resources: [
    { kind: 'iam-role', name: 'sparkifyRedshiftRole', action: 'create' },
    { kind: 'cluster', name: 'sparkify-dwh', action: 'create', detail: '2 × ra3.large' },
    ...TABLES.map((name) => ({ kind: 'table' as const, name, action: 'create' as const })),
  ],
  sqlSteps: ['drop tables', 'create tables', 'COPY staging_events', 'COPY staging_songs', 'insert star tables', 'quality checks', 'analytics'],
  costPerHourUsd: 1.086,
  awsCostPerHourUsd: 1.086,
  expectedLoad: 'song_data is the course subset (14,896 songs on S3): a few minutes on 2 nodes',
  warnings: ['dwh.cfg holds a DB password in plain text; prefer the DWH_DB_PASSWORD environment variable.'],
};

export const nothingDetected: Detected = { tables: [], counts: {} };

export const loadedDetected: Detected = {
  role: { name: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole', managed: true },
  cluster: { identifier: 'sparkify-dwh', status: 'available', endpoint: 'sparkify-dwh.abc.us-west-2.redshift.amazonaws.com', managed: true },
  tables: TABLES,
  counts: { songplays: 6820, users: 104 },
  lastStep: 'checks',
};

/** A re-run stopped during its COPYs: the star tables still hold the previous load. */
export const interruptedLoad: NonNullable<Detected['load']> = {
  id: 'load-2',
  status: 'interrupted',
  stage: 'staging',
  startedAt: '2026-12-03T10:00:00.000Z',
  starTables: 'the previous load',
  finishCommand: 'sparkify etl',
};

export const roleEvents: ProgressEvent[] = [
  { type: 'step', step: 'iam-role', id: 'iam-role', status: 'running', label: 'IAM role sparkifyRedshiftRole' },
  { type: 'role', action: 'created', roleName: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole' },
  { type: 'step', step: 'iam-role', id: 'iam-role', status: 'done', label: 'IAM role sparkifyRedshiftRole', elapsedMs: 850, detail: 'created' },
];

export const clusterCreating: ProgressEvent[] = [
  { type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'creating', elapsedMs: 0 },
  { type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'creating', elapsedMs: 30_000 },
];

export const clusterAvailable: ProgressEvent[] = [
  { type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'available', elapsedMs: 192_000, endpoint: 'sparkify-dwh.abc.us-west-2.redshift.amazonaws.com' },
];

const statementLabels = [...TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`), ...TABLES.map((t) => `CREATE TABLE ${t}`)];

export const tableEvents: ProgressEvent[] = [
  { type: 'step', step: 'tables', id: 'tables', status: 'running', label: 'Create tables' },
  ...statementLabels.flatMap((label, i): ProgressEvent[] => [
    { type: 'statement', id: label, label, status: 'running' },
    { type: 'statement', id: label, label, status: 'done', elapsedMs: 40 + i },
  ]),
  { type: 'step', step: 'tables', id: 'tables', status: 'done', label: 'Create tables', elapsedMs: 900 },
];

export const copyEvents: ProgressEvent[] = [
  { type: 'step', step: 'copy', id: 'copy:staging_events', status: 'running', label: 'COPY staging_events' },
  { type: 'copy.progress', table: 'staging_events', source: plan.sources.logData, filesDone: 0, filesTotal: 30, bytesDone: 0, bytesTotal: 3_000_000, rows: 0, elapsedMs: 0, status: 'running' },
  { type: 'copy.progress', table: 'staging_events', source: plan.sources.logData, filesDone: 15, filesTotal: 30, bytesDone: 1_500_000, bytesTotal: 3_000_000, rows: 4000, elapsedMs: 2000, status: 'running' },
];

export const copyDoneEvents: ProgressEvent[] = [
  { type: 'copy.progress', table: 'staging_events', source: plan.sources.logData, filesDone: 30, filesTotal: 30, bytesDone: 3_000_000, bytesTotal: 3_000_000, rows: 8056, elapsedMs: 4000, status: 'done' },
  { type: 'step', step: 'copy', id: 'copy:staging_events', status: 'done', label: 'COPY staging_events', elapsedMs: 4000, detail: '8056 rows' },
  { type: 'copy.progress', table: 'staging_songs', source: plan.sources.songData, filesDone: 71, filesTotal: 71, bytesDone: 20_000, bytesTotal: 20_000, rows: 71, elapsedMs: 1500, status: 'done' },
  { type: 'step', step: 'copy', id: 'copy:staging_songs', status: 'done', label: 'COPY staging_songs', elapsedMs: 1500, detail: '71 rows' },
  ...(['songplays', 'users', 'songs', 'artists', 'time'] as const).flatMap((table, i): ProgressEvent[] => [
    { type: 'step', step: 'insert', id: `insert:${table}`, status: 'running', label: `INSERT ${table}` },
    { type: 'insert.done', table, rows: [333, 104, 71, 69, 6820][i], elapsedMs: 300 + i * 10 },
    { type: 'step', step: 'insert', id: `insert:${table}`, status: 'done', label: `INSERT ${table}`, elapsedMs: 300 + i * 10, detail: `${[333, 104, 71, 69, 6820][i]} rows` },
  ]),
  { type: 'step', step: 'checks', id: 'checks', status: 'running', label: 'Quality checks' },
  { type: 'check', name: 'songplays has unique songplay_id', sql: 'SELECT …', expected: '0', actual: '0', passed: true },
  { type: 'check', name: 'users has unique user_id', sql: 'SELECT …', expected: '0', actual: '0', passed: true },
  { type: 'check', name: 'staging_events rows equal the log records in S3', sql: 'SELECT …', expected: '8056', actual: '8056', passed: true },
  { type: 'step', step: 'checks', id: 'checks', status: 'done', label: 'Quality checks', elapsedMs: 700, detail: '3/3 passed' },
  { type: 'table.counts', counts: { staging_events: 8056, staging_songs: 71, songplays: 333, users: 104, songs: 71, artists: 69, time: 6820 } },
];

export const analyticsEvents: ProgressEvent[] = [
  { type: 'step', step: 'analytics', id: 'analytics', status: 'running', label: 'Analytics' },
  { type: 'analytics', name: 'top_songs', title: 'Most played songs', columns: ['song', 'artist', 'plays'], rows: [["You're The One", 'Dwight Yoakam', 37], ['Catch You Baby', 'Lonnie Gordon', 9], ['Nothin On You', 'B.o.B', 8]] },
  { type: 'analytics', name: 'paid_vs_free', title: 'Plays by level', columns: ['level', 'plays'], rows: [['paid', 5591], ['free', 1229]] },
  { type: 'step', step: 'analytics', id: 'analytics', status: 'done', label: 'Analytics', elapsedMs: 420 },
];
