// [DWH] DEPLOYMENT = serverless and its keys: defaults, AWS's capacity rules, messages naming the
// key, and both course layouts (which never had these keys) still loading as provisioned.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { errorOf, INFRASTRUCTURE, OURS, STARTER, useConfigSandbox } from './config-fixtures.js';

const sandbox = useConfigSandbox();
const write = sandbox.write;
const noCredentials = sandbox.noCredentials;

const withDwh = (text: string, lines: string) => text.replace('[DWH]\n', `[DWH]\n${lines}\n`);

describe('loadConfig: DEPLOYMENT', () => {
  it('is provisioned by default, with no serverless settings', () => {
    const { config, warnings } = loadConfig(write(OURS), noCredentials());
    expect(config.serverless).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('reads serverless with default names and 8 RPUs', () => {
    const { config, warnings } = loadConfig(write(withDwh(OURS, 'DEPLOYMENT = Serverless')), noCredentials());
    expect(config.serverless).toEqual({ namespaceName: 'sparkify-ns', workgroupName: 'sparkify-wg', baseCapacity: 8 });
    expect(warnings).toEqual([]);
  });

  it('reads names and capacities', () => {
    const text = withDwh(OURS, 'DEPLOYMENT = serverless\nNAMESPACE_NAME = team-ns\nWORKGROUP_NAME = team-wg\nBASE_CAPACITY = 32\nMAX_CAPACITY = 128');
    expect(loadConfig(write(text), noCredentials()).config.serverless).toEqual({ namespaceName: 'team-ns', workgroupName: 'team-wg', baseCapacity: 32, maxCapacity: 128 });
  });

  it.each([
    ['DEPLOYMENT = cloud', 'DEPLOYMENT: expected provisioned or serverless, got "cloud"'],
    ['BASE_CAPACITY = 12', 'BASE_CAPACITY: expected a base capacity in RPUs: a multiple of 8 from 8 to 512, got "12"'],
    ['BASE_CAPACITY = 520', 'BASE_CAPACITY: expected a base capacity in RPUs: a multiple of 8 from 8 to 512, got "520"'],
    ['MAX_CAPACITY = 5640', 'MAX_CAPACITY: expected a maximum capacity in RPUs: a multiple of 8 up to 5632, at least the base capacity, got "5640"'],
    ['BASE_CAPACITY = 64\nMAX_CAPACITY = 32', 'MAX_CAPACITY: expected at least the base capacity (64 RPUs), got "32"'],
    ['WORKGROUP_NAME = Sparkify_WG', 'WORKGROUP_NAME: expected a Redshift Serverless workgroup name: 3–64 lower-case letters, digits or hyphens, got "Sparkify_WG"'],
    ['NAMESPACE_NAME = ns', 'NAMESPACE_NAME: expected a Redshift Serverless namespace name: 3–64 lower-case letters, digits or hyphens, got "ns"'],
  ])('refuses %s, naming file, section and key', (lines, message) => {
    const path = write(withDwh(OURS, `DEPLOYMENT = serverless\n${lines}`.replace('DEPLOYMENT = serverless\nDEPLOYMENT', 'DEPLOYMENT')));
    expect(errorOf(() => loadConfig(path, noCredentials())).message).toBe(`${path} [DWH] ${message}`);
  });

  it('keeps both course layouts working, provisioned unless they say otherwise', () => {
    expect(loadConfig(write(STARTER), noCredentials()).config.serverless).toBeUndefined();
    expect(loadConfig(write(INFRASTRUCTURE), noCredentials()).config.serverless).toBeUndefined();
    const infra = loadConfig(write(withDwh(INFRASTRUCTURE, 'DWH_DEPLOYMENT = serverless\nDWH_BASE_CAPACITY = 16')), noCredentials()).config;
    expect(infra.serverless).toEqual({ namespaceName: 'sparkify-ns', workgroupName: 'sparkify-wg', baseCapacity: 16 });
    const starter = loadConfig(write(`${STARTER}\n[DWH]\nDEPLOYMENT = serverless\n`), noCredentials()).config;
    expect(starter.serverless?.workgroupName).toBe('sparkify-wg');
    expect(starter.dwh).toMatchObject({ dbName: 'dwh', dbUser: 'dwhuser' });
  });

});
