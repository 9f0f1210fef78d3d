import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, GetRolePolicyCommand, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.js';
import { createRoleIfMissing, deleteManagedRole, findRole, redshiftTrustPolicy, S3_READ_POLICY_NAME } from '../../src/services/iam-role.js';
import { recordEvents, startEmulatorFixture, type EmulatorFixture } from './emulator-fixture.js';

let fx: EmulatorFixture;
beforeEach(async () => {
  fx = await startEmulatorFixture();
});
afterEach(async () => fx.close());

describe('createRoleIfMissing', () => {
  it('creates a tagged role Redshift can assume, with S3 read access to the configured buckets only', async () => {
    const { emit, events } = recordEvents();
    const { arn, created } = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend', 'my-songs'], emit });
    expect(arn).toMatch(/^arn:aws:iam::\d{12}:role\/sparkify-s3$/);
    expect(created).toBe(true);
    expect(events).toEqual([{ type: 'role', action: 'created', roleName: 'sparkify-s3', arn }]);

    const { Role } = await fx.clients.iam.send(new GetRoleCommand({ RoleName: 'sparkify-s3' }));
    const trust = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement[0]).toMatchObject({ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' });

    const { Tags } = await fx.clients.iam.send(new ListRoleTagsCommand({ RoleName: 'sparkify-s3' }));
    expect(Tags).toEqual([{ Key: 'sparkify:managed', Value: 'true' }]);

    const { PolicyDocument } = await fx.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'sparkify-s3', PolicyName: S3_READ_POLICY_NAME }));
    const policy = JSON.parse(decodeURIComponent(PolicyDocument!));
    const actions = policy.Statement.flatMap((s: { Action: string[] }) => s.Action).sort();
    expect(actions).toEqual(['s3:GetBucketLocation', 's3:GetObject', 's3:ListBucket']);
    const resources = policy.Statement.flatMap((s: { Resource: string[] }) => s.Resource).sort();
    expect(resources).toEqual(['arn:aws:s3:::my-songs', 'arn:aws:s3:::my-songs/*', 'arn:aws:s3:::udacity-dend', 'arn:aws:s3:::udacity-dend/*']);
  });

  it('reuses a role it created before', async () => {
    const { arn: first } = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend'], emit: () => {} });
    const { emit, events } = recordEvents();
    const second = await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['other-bucket'], emit });
    expect(second).toEqual({ arn: first, created: false });
    expect(events).toEqual([{ type: 'role', action: 'reused', roleName: 'sparkify-s3', arn: first }]);
    // The policy follows the buckets of the current config.
    const { PolicyDocument } = await fx.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'sparkify-s3', PolicyName: S3_READ_POLICY_NAME }));
    expect(decodeURIComponent(PolicyDocument!)).toContain('arn:aws:s3:::other-bucket/*');
  });

  it('refuses a same-named role it did not create', async () => {
    await fx.clients.iam.send(new CreateRoleCommand({ RoleName: 'dwhRole', AssumeRolePolicyDocument: redshiftTrustPolicy() }));
    const { emit, events } = recordEvents();
    const attempt = createRoleIfMissing(fx.clients.iam, { roleName: 'dwhRole', buckets: ['udacity-dend'], emit });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow('IAM role dwhRole exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be used.');
    expect(events).toEqual([]);
    // Untouched: no policy was put on it.
    await expect(fx.clients.iam.send(new GetRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: S3_READ_POLICY_NAME }))).rejects.toThrow();
  });
});

describe('findRole', () => {
  it('returns undefined for a missing role and the tag state for an existing one', async () => {
    expect(await findRole(fx.clients.iam, 'absent')).toBeUndefined();
    await createRoleIfMissing(fx.clients.iam, { roleName: 'ours', buckets: ['b-1x'], emit: () => {} });
    expect(await findRole(fx.clients.iam, 'ours')).toMatchObject({ roleName: 'ours', managed: true });
  });
});

describe('deleteManagedRole', () => {
  it('removes inline and attached policies, then the role', async () => {
    await createRoleIfMissing(fx.clients.iam, { roleName: 'sparkify-s3', buckets: ['udacity-dend'], emit: () => {} });
    await fx.clients.iam.send(new AttachRolePolicyCommand({ RoleName: 'sparkify-s3', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const { emit, events } = recordEvents();
    expect(await deleteManagedRole(fx.clients.iam, 'sparkify-s3', emit)).toBe(true);
    expect(await findRole(fx.clients.iam, 'sparkify-s3')).toBeUndefined();
    expect(events).toEqual([{ type: 'role', action: 'deleted', roleName: 'sparkify-s3', arn: expect.stringContaining(':role/sparkify-s3') }]);
    const operations = fx.requests.filter((r) => r.service === 'iam').map((r) => r.operation);
    expect(operations.indexOf('DeleteRolePolicy')).toBeLessThan(operations.indexOf('DeleteRole'));
    expect(operations.indexOf('DetachRolePolicy')).toBeLessThan(operations.indexOf('DeleteRole'));
  });

  it('reports an absent role without failing', async () => {
    const { emit, events } = recordEvents();
    expect(await deleteManagedRole(fx.clients.iam, 'never-made', emit)).toBe(false);
    expect(events).toEqual([{ type: 'role', action: 'absent', roleName: 'never-made' }]);
  });

  it('refuses to delete a role it did not create', async () => {
    await fx.clients.iam.send(new CreateRoleCommand({ RoleName: 'someone-elses', AssumeRolePolicyDocument: redshiftTrustPolicy() }));
    await expect(deleteManagedRole(fx.clients.iam, 'someone-elses', () => {})).rejects.toThrow(
      'IAM role someone-elses exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be deleted.',
    );
    expect(await findRole(fx.clients.iam, 'someone-elses')).toMatchObject({ managed: false });
  });
});
