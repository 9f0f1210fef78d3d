import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { errorOf, INFRASTRUCTURE, STARTER, useConfigSandbox } from './config-fixtures.js';

const sandbox = useConfigSandbox();
const write = sandbox.write;
const noCredentials = sandbox.noCredentials;

describe('loadConfig: the course starter layout', () => {
  it('derives cluster id, region and role name, and warns about the unused password', () => {
    const path = write(STARTER);
    const { config, warnings } = loadConfig(path, noCredentials());
    expect(config.layout).toBe('starter');
    expect(config.dwh).toMatchObject({ clusterIdentifier: 'dwhcluster', dbName: 'dwh', dbUser: 'dwhuser', dbPort: 5439, iamRoleName: 'dwhRole', nodeType: 'ra3.large' });
    expect(config.aws.region).toBe('us-west-2');
    expect(config.s3.logJsonPath).toBe('s3://udacity-dend/log_json_path.json');
    expect(warnings).toEqual([
      `${path} [CLUSTER] DB_PASSWORD: a password is stored in the file but not used (the cluster gets a master password managed by AWS Secrets Manager and SQL runs through the Redshift Data API with temporary credentials); delete DB_PASSWORD from the file`,
    ]);
    expect(config.secrets.dbPassword).toBe('Passw0rd-Sup3rSecret');
  });

  it('fills what the blank template leaves out, with a warning per default', () => {
    const blank = STARTER.replace(/^(HOST|DB_NAME|DB_USER|DB_PASSWORD)=.*$/gm, "$1=''").replace(/^ARN=.*$/m, 'ARN=');
    const path = write(blank);
    const { config, warnings } = loadConfig(path, noCredentials());
    expect(config.dwh).toMatchObject({ clusterIdentifier: 'sparkify-dwh', dbName: 'sparkify', dbUser: 'sparkify_admin', iamRoleName: 'sparkify-redshift-s3-read' });
    expect(config.aws.region).toBe('us-west-2');
    expect(warnings).toContain(`${path} [CLUSTER] DB_NAME: not set; using "sparkify"`);
    expect(warnings.some((w) => w.includes('DB_PASSWORD'))).toBe(false);
  });

  it('rejects a HOST that is not a Redshift endpoint', () => {
    const path = write(STARTER.replace(/^HOST=.*$/m, 'HOST=localhost'));
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(
      `${path} [CLUSTER] HOST: expected a Redshift endpoint such as dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com, got "localhost"`,
    );
  });

  it('names the starter key in errors', () => {
    const path = write(STARTER.replace("DB_PORT='5439'", "DB_PORT='port'"));
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(`${path} [CLUSTER] DB_PORT: expected a port number, got "port"`);
  });
});

describe('loadConfig: the course infrastructure layout', () => {
  it('reads DWH_ keys, lower-cases the identifier and warns about DC2, keys and password', () => {
    const path = write(INFRASTRUCTURE);
    const { config, warnings } = loadConfig(path, noCredentials());
    expect(config.layout).toBe('infrastructure');
    expect(config.dwh).toEqual({
      clusterIdentifier: 'dwhcluster',
      clusterType: 'multi-node',
      numNodes: 4,
      nodeType: 'dc2.large',
      dbName: 'dwh',
      dbUser: 'dwhuser',
      dbPort: 5439,
      iamRoleName: 'dwhRole',
    });
    expect(config.aws.credentials).toBe('config-file');
    expect(config.secrets).toMatchObject({ accessKeyId: 'AKIAEXAMPLEKEY123456', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
    expect(warnings).toEqual([
      `${path} [AWS] REGION: not set; using "us-west-2"`,
      `${path} [DWH] DWH_NODE_TYPE: dc2.large is a DC2 node type, which AWS is retiring; choose an RA3 type such as ra3.large`,
      // The file has no [TARGET], so the local target: the keys are not used there, and the warning says so.
      `${path} [AWS] KEY/SECRET: access keys are stored in the file; the local target does not use them (the aws target would, as no other credentials were found); run \`aws configure\` (or \`aws configure --profile <name>\` and set [AWS] PROFILE), then delete KEY and SECRET from ${path}`,
      `${path} [DWH] DWH_DB_PASSWORD: a password is stored in the file but not used (the cluster gets a master password managed by AWS Secrets Manager and SQL runs through the Redshift Data API with temporary credentials); delete DWH_DB_PASSWORD from the file`,
    ]);
  });

  it('says the file keys are used only when the target is aws', () => {
    const path = write(INFRASTRUCTURE);
    const { warnings } = loadConfig(path, { ...noCredentials(), target: 'aws' });
    expect(warnings).toContain(
      `${path} [AWS] KEY/SECRET: access keys are stored in the file and used because no other credentials were found; run \`aws configure\` (or \`aws configure --profile <name>\` and set [AWS] PROFILE), then delete KEY and SECRET from ${path}`,
    );
  });

  it('ignores file keys when the environment, a profile or ~/.aws provides credentials', () => {
    const path = write(INFRASTRUCTURE);
    const fromEnv = loadConfig(path, { env: { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'x' }, homeDir: sandbox.home() });
    expect(fromEnv.config.aws.credentials).toBe('default-chain');
    expect(fromEnv.warnings).toContain(
      `${path} [AWS] KEY/SECRET: access keys are stored in the file but ignored, because AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment provides credentials; delete KEY and SECRET from ${path}`,
    );
    expect(loadConfig(path, { env: { AWS_PROFILE: 'work' }, homeDir: sandbox.home() }).config.aws.credentials).toBe('default-chain');

    mkdirSync(join(sandbox.home(), '.aws'));
    writeFileSync(join(sandbox.home(), '.aws', 'config'), '[default]\nregion = us-west-2\n');
    expect(loadConfig(path, noCredentials()).config.aws.credentials).toBe('config-file'); // a region is not a credential
    writeFileSync(join(sandbox.home(), '.aws', 'credentials'), '[default]\naws_access_key_id = AKIAHOME\naws_secret_access_key = y\n');
    const fromHome = loadConfig(path, noCredentials());
    expect(fromHome.config.aws.credentials).toBe('default-chain');
    expect(fromHome.warnings.join('\n')).toContain(`because the default profile in ${join(sandbox.home(), '.aws', 'credentials')} provides credentials`);
  });

  it('names the DWH_ key in errors', () => {
    const path = write(INFRASTRUCTURE.replace('DWH_NUM_NODES = 4', 'DWH_NUM_NODES = four'));
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(`${path} [DWH] DWH_NUM_NODES: expected a positive integer, got "four"`);
  });
});

describe('secrets never leak', () => {
  const SECRETS = ['Passw0rd-Sup3rSecret', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAEXAMPLEKEY123456'];

  it('keeps them out of JSON, inspect, spread copies and warnings', () => {
    for (const text of [STARTER, INFRASTRUCTURE]) {
      const { config, warnings } = loadConfig(write(text), noCredentials());
      const renderings = [JSON.stringify(config), inspect(config, { depth: 10 }), JSON.stringify({ ...config }), String(config), warnings.join('\n')];
      for (const rendering of renderings) for (const secret of SECRETS) expect(rendering).not.toContain(secret);
      expect(Object.keys(config)).not.toContain('secrets');
    }
  });

  it('keeps them out of error messages and hints', () => {
    const texts = [
      INFRASTRUCTURE.replace('DWH_NUM_NODES = 4', 'DWH_NUM_NODES = many'),
      INFRASTRUCTURE.replace("LOG_DATA = 's3://udacity-dend/log_data'", ''),
      STARTER.replace("DB_USER='dwhuser'", "DB_USER='-x'"),
    ];
    for (const text of texts) {
      const error = errorOf(() => loadConfig(write(text), noCredentials()));
      for (const secret of SECRETS) {
        expect(error.message).not.toContain(secret);
        expect(error.hint ?? '').not.toContain(secret);
        expect(inspect(error)).not.toContain(secret);
      }
    }
  });
});
