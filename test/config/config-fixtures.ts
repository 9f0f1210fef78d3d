// dwh.cfg texts in the three layouts, and helpers to write and load them in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { ConfigError, type LoadConfigOptions } from '../../src/config/index.js';
import { UserError } from '../../src/services/errors.js';

export const OURS = `
[TARGET]
NAME = local

[AWS]
REGION = us-west-2

[DWH]
CLUSTER_IDENTIFIER = sparkify-dwh
CLUSTER_TYPE = single-node
NUM_NODES = 1
NODE_TYPE = ra3.large
DB_NAME = sparkify
DB_USER = sparkify_admin
DB_PORT = 5439
IAM_ROLE_NAME = sparkify-redshift-s3-read

[S3]
LOG_DATA = s3://udacity-dend/log_data
LOG_JSONPATH = s3://udacity-dend/log_json_path.json
SONG_DATA = s3://udacity-dend/song_data
REGION = us-west-2

[LOCAL]
S3_ROOT = data/s3
STATE_DIR = .sparkify
`;

/** The course starter file, filled in the way students did. */
export const STARTER = `
[CLUSTER]
HOST='dwhcluster.c8abcdxyz123.us-west-2.redshift.amazonaws.com'
DB_NAME='dwh'
DB_USER='dwhuser'
DB_PASSWORD='Passw0rd-Sup3rSecret'
DB_PORT='5439'

[IAM_ROLE]
ARN='arn:aws:iam::123456789012:role/dwhRole'

[S3]
LOG_DATA='s3://udacity-dend/log_data'
LOG_JSONPATH='s3://udacity-dend/log_json_path.json'
SONG_DATA='s3://udacity-dend/song_data'
`;

/** The course infrastructure-as-code file. */
export const INFRASTRUCTURE = `
[AWS]
KEY = AKIAEXAMPLEKEY123456
SECRET = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[DWH]
DWH_CLUSTER_TYPE = multi-node
DWH_NUM_NODES = 4
DWH_NODE_TYPE = dc2.large
DWH_IAM_ROLE_NAME = dwhRole
DWH_CLUSTER_IDENTIFIER = dwhCluster
DWH_DB = dwh
DWH_DB_USER = dwhuser
DWH_DB_PASSWORD = Passw0rd-Sup3rSecret
DWH_PORT = 5439

[S3]
LOG_DATA = 's3://udacity-dend/log_data'
LOG_JSONPATH = 's3://udacity-dend/log_json_path.json'
SONG_DATA = 's3://udacity-dend/song_data'
`;

export interface ConfigSandbox {
  /** The temp folder of the current test. */
  dir(): string;
  /** No credentials in the environment or the (empty) home folder. */
  noCredentials(): LoadConfigOptions;
  home(): string;
  write(text: string, name?: string): string;
}

/** A fresh temp folder (with an empty home folder) per test. */
export function useConfigSandbox(): ConfigSandbox {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkify-config-'));
    mkdirSync(join(dir, 'home'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir: () => dir,
    home: () => join(dir, 'home'),
    noCredentials: () => ({ env: {}, homeDir: join(dir, 'home') }),
    write(text, name = 'dwh.cfg') {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      return path;
    },
  };
}

/** Our layout with one key replaced (or removed when value is undefined). */
export function ours(section: string, key: string, value: string | undefined): string {
  let current = '';
  return OURS.split('\n')
    .flatMap((line) => {
      const header = /^\[(.+)\]$/.exec(line);
      if (header) current = header[1];
      if (current === section && line.startsWith(`${key} =`)) return value === undefined ? [] : [`${key} = ${value}`];
      return [line];
    })
    .join('\n');
}

export function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(UserError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
