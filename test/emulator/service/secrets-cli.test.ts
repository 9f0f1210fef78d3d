// The README's way to the master password with the AWS CLI: Secrets Manager on the local service,
// with the service's secret as the access key id; DescribeSecret names the owning service.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateClusterCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { createWorkspace, type Workspace } from '../../helpers/workspace.js';
import { ensureLocalService, stopLocalService, type LocalService } from '../../../src/emulator/service/local-service.js';
import { run } from '../pg/pg-helpers.js';

describe('aws secretsmanager against the local service', () => {
  let ws: Workspace;
  let service: LocalService;
  let secretArn: string;
  const aws = (args: string[], accessKeyId: string) =>
    run('aws', [...args, '--endpoint-url', service.endpoint, '--region', 'us-west-2', '--output', 'json'], {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'unused',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    });

  beforeAll(async () => {
    ws = createWorkspace();
    service = await ensureLocalService({ stateDir: ws.stateDir, s3Root: ws.s3Root, region: 'us-west-2', idleMs: 120_000, delays: { clusterCreateMs: 0 } });
    const redshift = new RedshiftClient({ region: 'us-west-2', endpoint: service.endpoint, credentials: { accessKeyId: service.secret, secretAccessKey: 'x' } });
    const { Cluster } = await redshift.send(new CreateClusterCommand({ ClusterIdentifier: 'sparkify-dwh', NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'sparkify_admin', ManageMasterPassword: true, DBName: 'sparkify' }));
    secretArn = Cluster!.MasterPasswordSecretArn!;
    redshift.destroy();
  });
  afterAll(async () => {
    await stopLocalService(ws.stateDir);
    ws.remove();
  });

  it('get-secret-value gives {"username", "password"}; describe-secret says redshift owns it', async () => {
    const got = await aws(['secretsmanager', 'get-secret-value', '--secret-id', secretArn], service.secret);
    expect(got.code, got.stderr).toBe(0);
    const value = JSON.parse(got.stdout) as { ARN: string; SecretString: string };
    expect(value.ARN).toBe(secretArn);
    expect(JSON.parse(value.SecretString)).toEqual({ username: 'sparkify_admin', password: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    const described = await aws(['secretsmanager', 'describe-secret', '--secret-id', 'redshift!sparkify-dwh-sparkify_admin'], service.secret);
    expect(described.code, described.stderr).toBe(0);
    expect(JSON.parse(described.stdout)).toMatchObject({ ARN: secretArn, OwningService: 'redshift' });
  });

  it('refuses a client without the service secret, and an unknown secret id', async () => {
    const stranger = await aws(['secretsmanager', 'get-secret-value', '--secret-id', secretArn], 'AKIASOMEONEELSE');
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toMatch(/UnrecognizedClientException/);
    const unknown = await aws(['secretsmanager', 'get-secret-value', '--secret-id', 'nope'], service.secret);
    expect(unknown.stderr).toMatch(/ResourceNotFoundException/);
  });
});
