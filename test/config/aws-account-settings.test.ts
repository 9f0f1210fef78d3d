// dwh.cfg settings for real accounts (issue 12): a network other than the default VPC, and an
// [S3] REGION that is optional because the bucket's own region is looked up instead of assumed.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { errorOf, OURS, ours, useConfigSandbox } from './config-fixtures.js';

const sandbox = useConfigSandbox();

describe('dwh.cfg for real accounts', () => {
  it('reads [DWH] CLUSTER_SUBNET_GROUP and VPC_SECURITY_GROUP_IDS', () => {
    const text = OURS.replace(/^IAM_ROLE_NAME.*$/m, '$&\nCLUSTER_SUBNET_GROUP = Sparkify-Private\nVPC_SECURITY_GROUP_IDS = sg-0abc , sg-0def');
    const { config, warnings } = loadConfig(sandbox.write(text), sandbox.noCredentials());
    expect(warnings).toEqual([]);
    expect(config.dwh).toMatchObject({ clusterSubnetGroup: 'sparkify-private', vpcSecurityGroupIds: ['sg-0abc', 'sg-0def'] });
  });

  it('names the key of a malformed security group list', () => {
    const text = OURS.replace(/^IAM_ROLE_NAME.*$/m, '$&\nVPC_SECURITY_GROUP_IDS = default');
    expect(errorOf(() => loadConfig(sandbox.write(text), sandbox.noCredentials())).message).toMatch(/\[DWH\] VPC_SECURITY_GROUP_IDS.*security group ids/);
  });

  it('leaves the bucket region unset without [S3] REGION, rather than taking the cluster\'s', () => {
    const { config } = loadConfig(sandbox.write(ours('S3', 'REGION', undefined)), sandbox.noCredentials());
    expect(config.aws.region).toBe('us-west-2');
    expect(config.s3.region).toBeUndefined();
  });
});
