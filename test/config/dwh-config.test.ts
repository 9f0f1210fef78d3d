import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configuredBuckets, loadConfig } from '../../src/config/index.js';
import { errorOf, OURS, ours, useConfigSandbox } from './config-fixtures.js';

const sandbox = useConfigSandbox();
const write = sandbox.write;
const noCredentials = sandbox.noCredentials;

describe('loadConfig: our layout', () => {
  it('loads the committed dwh.cfg without warnings', () => {
    const { config, warnings } = loadConfig('dwh.cfg', noCredentials());
    expect(warnings).toEqual([]);
    expect(config.target).toBe('local');
    expect(config.layout).toBe('sparkify');
    expect(config.dwh).toMatchObject({ clusterIdentifier: 'sparkify-dwh', dbName: 'sparkify', dbUser: 'sparkify_admin', dbPort: 5439, iamRoleName: 'sparkify-redshift-s3-read' });
    expect(config.dwh.nodeType).toMatch(/^ra3\./);
    expect(config.s3).toEqual({
      logData: 's3://udacity-dend/log_data',
      logJsonPath: 's3://udacity-dend/log_json_path.json',
      songData: 's3://udacity-dend/song_data',
      region: 'us-west-2',
    });
    expect(config.aws.region).toBe('us-west-2');
    expect(config.secrets).toEqual({});
  });

  it('resolves relative paths against the config file folder', () => {
    const path = write(OURS, 'nested/dwh.cfg');
    const { config } = loadConfig(path, noCredentials());
    expect(config.local.s3Root).toBe(join(sandbox.dir(), 'nested', 'data', 's3'));
    expect(config.local.stateDir).toBe(join(sandbox.dir(), 'nested', '.sparkify'));
    expect(config.file).toBe(path);
  });

  it('accepts quotes, spaces around =, lower-case keys and sections', () => {
    const text = OURS.replace('LOG_DATA = s3://udacity-dend/log_data', `log_data   =   "s3://udacity-dend/log_data"`)
      .replace('NUM_NODES = 1', "NUM_NODES='1'")
      .replace('[LOCAL]', '[local]')
      .replace('STATE_DIR = .sparkify', 'STATE_DIR=\t.state ');
    const { config, warnings } = loadConfig(write(text), noCredentials());
    expect(warnings).toEqual([]);
    expect(config.s3.logData).toBe('s3://udacity-dend/log_data');
    expect(config.dwh.numNodes).toBe(1);
    expect(config.local.stateDir).toBe(join(sandbox.dir(), '.state'));
  });

  it('reads the optional keys: PROFILE and CLUSTER_CREATE_SECONDS', () => {
    const text = OURS.replace('REGION = us-west-2\n', 'REGION = us-west-2\nPROFILE = course\n').replace('STATE_DIR = .sparkify', 'STATE_DIR = .sparkify\nCLUSTER_CREATE_SECONDS = 2.5');
    const { config } = loadConfig(write(text), noCredentials());
    expect(config.aws).toEqual({ region: 'us-west-2', profile: 'course', credentials: 'profile' });
    expect(config.local.clusterCreateSeconds).toBe(2.5);
  });

  it('defaults the target, node type, port, local folders and infers the cluster shape', () => {
    let text = ours('TARGET', 'NAME', undefined);
    for (const key of ['CLUSTER_TYPE', 'NUM_NODES', 'NODE_TYPE', 'DB_PORT']) text = text.replace(new RegExp(`^${key} = .*$`, 'm'), '');
    text = text.replace(/^\[LOCAL\][\s\S]*$/m, '');
    const { config } = loadConfig(write(text), noCredentials());
    expect(config.target).toBe('local');
    expect(config.dwh).toMatchObject({ clusterType: 'single-node', numNodes: 1, nodeType: 'ra3.large', dbPort: 5439 });
    expect(config.local.s3Root).toBe(join(sandbox.dir(), 'data', 's3'));
    const multi = loadConfig(write(ours('DWH', 'CLUSTER_TYPE', undefined).replace('NUM_NODES = 1', 'NUM_NODES = 3')), noCredentials());
    expect(multi.config.dwh).toMatchObject({ clusterType: 'multi-node', numNodes: 3 });
    const big = loadConfig(write(ours('DWH', 'CLUSTER_TYPE', undefined).replace('NUM_NODES = 1\n', '').replace('ra3.large', 'ra3.4xlarge')), noCredentials());
    expect(big.config.dwh).toMatchObject({ clusterType: 'multi-node', numNodes: 2 });
  });

  it('lower-cases identifiers the way Redshift stores them', () => {
    const text = ours('DWH', 'CLUSTER_IDENTIFIER', 'Sparkify-DWH').replace('NODE_TYPE = ra3.large', 'NODE_TYPE = RA3.LARGE');
    const { config } = loadConfig(write(text), noCredentials());
    expect(config.dwh.clusterIdentifier).toBe('sparkify-dwh');
    expect(config.dwh.nodeType).toBe('ra3.large');
  });

  it('warns about DC2 node types and unknown keys', () => {
    const text = ours('DWH', 'NODE_TYPE', 'dc2.large').replace('DB_PORT = 5439', 'DB_PORT = 5439\nNUM_NODE = 2');
    const path = write(text);
    const { warnings } = loadConfig(path, noCredentials());
    expect(warnings).toEqual([
      `${path} [DWH] NODE_TYPE: dc2.large is a DC2 node type, which AWS is retiring; choose an RA3 type such as ra3.large`,
      `${path} [DWH] NUM_NODE: unknown key, ignored; did you mean NUM_NODES?`,
    ]);
  });

  it('suggests the key or section a typo was meant to be, and leaves unrelated sections alone', () => {
    const text = ours('DWH', 'NODE_TYPE', 'ra3.large').replace('NODE_TYPE = ra3.large', 'NODE_TPYE = ra3.large') + '\n[DWHH]\nX = 1\n[MY_NOTES]\nOWNER = me\n';
    const path = write(text);
    const { warnings } = loadConfig(path, noCredentials());
    expect(warnings).toContain(`${path} [DWH] NODE_TPYE: unknown key, ignored; did you mean NODE_TYPE?`);
    expect(warnings).toContain(`${path} [DWHH]: unknown section, ignored; did you mean [DWH]?`);
    expect(warnings.join('\n')).not.toContain('MY_NOTES');
  });

  it('says a file that is not INI is not INI, naming the line', () => {
    const path = write('{\n  "DWH": { "NODE_TYPE": "ra3.large" }\n}\n');
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(`${path}: not an INI file: line 1 ("{") is neither a [SECTION] header nor KEY = VALUE`);
  });

  it('lists the configured buckets for the IAM policy', () => {
    const text = ours('S3', 'SONG_DATA', 's3://my-songs/song_data');
    const { config } = loadConfig(write(text), noCredentials());
    expect(configuredBuckets(config)).toEqual(['udacity-dend', 'my-songs']);
  });
});

describe('loadConfig: errors name file, section, key and what is expected', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['DWH', 'NUM_NODES', 'two', '[DWH] NUM_NODES: expected a positive integer, got "two"'],
    ['DWH', 'NUM_NODES', '0', '[DWH] NUM_NODES: expected a positive integer, got "0"'],
    ['DWH', 'NUM_NODES', '3', '[DWH] NUM_NODES: expected 1 for a single-node cluster (or set the cluster type to multi-node), got "3"'],
    ['DWH', 'NODE_TYPE', 'ds2.xlarge', '[DWH] NODE_TYPE: expected one of ra3.large, ra3.xlplus, ra3.4xlarge, ra3.16xlarge, dc2.large, dc2.8xlarge, got "ds2.xlarge"'],
    ['DWH', 'CLUSTER_TYPE', 'cluster', '[DWH] CLUSTER_TYPE: expected single-node or multi-node, got "cluster"'],
    ['DWH', 'CLUSTER_IDENTIFIER', '1-bad--id', '[DWH] CLUSTER_IDENTIFIER: expected a cluster identifier: 1–63 letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen, got "1-bad--id"'],
    ['DWH', 'CLUSTER_IDENTIFIER', 'trailing-', '[DWH] CLUSTER_IDENTIFIER: expected a cluster identifier: 1–63 letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen, got "trailing-"'],
    ['DWH', 'DB_PORT', '80', '[DWH] DB_PORT: expected a port in 5431–5455 or 8191–8215 (RA3 node types), got "80"'],
    ['DWH', 'DB_PORT', 'http', '[DWH] DB_PORT: expected a port number, got "http"'],
    ['DWH', 'DB_USER', 'public', '[DWH] DB_USER: expected a user name: 1–128 letters, digits or _+.@-, starting with a letter, not "public", got "public"'],
    ['DWH', 'IAM_ROLE_NAME', 'my role', '[DWH] IAM_ROLE_NAME: expected an IAM role name: 1–64 letters, digits or +=,.@_-, got "my role"'],
    ['DWH', 'DB_NAME', undefined, '[DWH] DB_NAME: missing; expected a database name: 1–64 letters, digits, _ or $, starting with a letter or _'],
    ['S3', 'LOG_DATA', undefined, '[S3] LOG_DATA: missing; expected an s3:// URI such as s3://udacity-dend/log_data'],
    ['S3', 'SONG_DATA', 'udacity-dend/song_data', '[S3] SONG_DATA: expected an s3:// URI such as s3://udacity-dend/song_data, got "udacity-dend/song_data"'],
    ['S3', 'LOG_JSONPATH', 's3://udacity-dend', '[S3] LOG_JSONPATH: expected an s3:// URI of a JSONPaths file such as s3://udacity-dend/log_json_path.json, or auto, got "s3://udacity-dend"'],
    ['S3', 'REGION', 'oregon', '[S3] REGION: expected an AWS region such as us-west-2, got "oregon"'],
    ['AWS', 'REGION', undefined, '[AWS] REGION: missing; expected an AWS region such as us-west-2'],
    ['TARGET', 'NAME', 'cloud', '[TARGET] NAME: expected local or aws, got "cloud"'],
    ['LOCAL', 'CLUSTER_CREATE_SECONDS', 'soon', '[LOCAL] CLUSTER_CREATE_SECONDS: expected a number of seconds ≥ 0, got "soon"'],
  ];
  it.each(cases)('[%s] %s = %s', (section, key, value, expected) => {
    let text = ours(section, key, value);
    if (section === 'LOCAL' && !text.includes(key)) text = text.replace('STATE_DIR = .sparkify', `STATE_DIR = .sparkify\n${key} = ${value}`);
    const path = write(text);
    const error = errorOf(() => loadConfig(path, noCredentials()));
    expect(error.message).toBe(`${path} ${expected}`);
    expect(error.section).toBe(section);
    expect(error.key).toBe(key);
    expect(error.hint).toContain(path);
  });

  it('refuses single-node for a node type without that option, naming CLUSTER_TYPE', () => {
    const path = write(ours('DWH', 'NODE_TYPE', 'ra3.4xlarge'));
    const error = errorOf(() => loadConfig(path, noCredentials()));
    expect(error.message).toBe(`${path} [DWH] CLUSTER_TYPE: expected multi-node (ra3.4xlarge has no single-node option), got "single-node"`);
    expect(error.key).toBe('CLUSTER_TYPE');
  });

  it('checks multi-node node counts against the node type', () => {
    const path = write(ours('DWH', 'CLUSTER_TYPE', 'multi-node'));
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(`${path} [DWH] NUM_NODES: expected at least 2 for a multi-node cluster, got "1"`);
    const many = write(ours('DWH', 'CLUSTER_TYPE', 'multi-node').replace('NUM_NODES = 1', 'NUM_NODES = 40'));
    expect(errorOf(() => loadConfig(many, noCredentials())).message).toBe(`${many} [DWH] NUM_NODES: expected at most 16 nodes for ra3.large, got "40"`);
  });

  it('allows DC2 ports outside the RA3 ranges but not beyond 65535', () => {
    const ok = write(ours('DWH', 'NODE_TYPE', 'dc2.large').replace('DB_PORT = 5439', 'DB_PORT = 15439'));
    expect(loadConfig(ok, noCredentials()).config.dwh.dbPort).toBe(15439);
    const bad = write(ours('DWH', 'NODE_TYPE', 'dc2.large').replace('DB_PORT = 5439', 'DB_PORT = 70000'));
    expect(errorOf(() => loadConfig(bad, noCredentials())).message).toBe(`${bad} [DWH] DB_PORT: expected a port in 1150–65535, got "70000"`);
  });

  it('reports every bad key at once, one line each', () => {
    const path = write(ours('DWH', 'NUM_NODES', 'two').replace('NODE_TYPE = ra3.large', 'NODE_TYPE = huge'));
    const error = errorOf(() => loadConfig(path, noCredentials()));
    expect(error.message.split('\n')).toEqual([
      `${path} [DWH] NUM_NODES: expected a positive integer, got "two"`,
      `${path} [DWH] NODE_TYPE: expected one of ra3.large, ra3.xlplus, ra3.4xlarge, ra3.16xlarge, dc2.large, dc2.8xlarge, got "huge"`,
    ]);
  });

  it('names a missing file', () => {
    const error = errorOf(() => loadConfig(join(sandbox.dir(), 'nope.cfg'), noCredentials()));
    expect(error.message).toBe(`${join(sandbox.dir(), 'nope.cfg')}: file not found`);
  });
});

