import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  waitUntilRoleExists,
} from '@aws-sdk/client-iam';
import { REDSHIFT_TRUST_POLICY, rejectionOf, startTestEmulator, type TestEmulator } from './helpers.js';

const S3_READ_ONLY = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

describe('emulated IAM', () => {
  let t: TestEmulator;
  beforeAll(async () => {
    t = await startTestEmulator();
  });
  afterAll(async () => {
    await t.stop();
    t.dirs.remove();
  });

  it('creates a role and returns it the way IAM does', async () => {
    const created = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'dwhRole',
        Path: '/service-role/',
        AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY,
        Description: 'Lets Redshift read S3 <&> "quoted"',
        MaxSessionDuration: 7200,
        Tags: [{ Key: 'project', Value: 'sparkify' }],
      }),
    );
    const role = created.Role!;
    expect(role.RoleName).toBe('dwhRole');
    expect(role.Arn).toBe('arn:aws:iam::123456789012:role/service-role/dwhRole');
    expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(role.CreateDate).toBeInstanceOf(Date);
    expect(role.Description).toBe('Lets Redshift read S3 <&> "quoted"');
    expect(role.MaxSessionDuration).toBe(7200);
    expect(role.Tags).toEqual([{ Key: 'project', Value: 'sparkify' }]);
    // IAM returns policy documents URL-encoded.
    expect(role.AssumeRolePolicyDocument).toBe(encodeURIComponent(REDSHIFT_TRUST_POLICY));

    const fetched = await t.iam.send(new GetRoleCommand({ RoleName: 'dwhRole' }));
    expect(fetched.Role?.Arn).toBe(role.Arn);
    expect(decodeURIComponent(fetched.Role!.AssumeRolePolicyDocument!)).toBe(REDSHIFT_TRUST_POLICY);
    expect(fetched.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('works with the SDK waiter waitUntilRoleExists', async () => {
    const result = await waitUntilRoleExists({ client: t.iam, maxWaitTime: 5, minDelay: 0.05, maxDelay: 0.1 }, { RoleName: 'dwhRole' });
    expect(result.state).toBe('SUCCESS');
  });

  it('answers EntityAlreadyExists (409) for a duplicate name, whatever its case', async () => {
    const error = await rejectionOf(
      t.iam.send(new CreateRoleCommand({ RoleName: 'DWHROLE', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY })),
    );
    expect(error.name).toBe('EntityAlreadyExistsException');
    expect(error.$metadata?.httpStatusCode).toBe(409);
    expect(error.message).toBe('Role with name DWHROLE already exists.');
  });

  it('answers NoSuchEntity (404) for a missing role', async () => {
    const error = await rejectionOf(t.iam.send(new GetRoleCommand({ RoleName: 'nope' })));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata?.httpStatusCode).toBe(404);
    expect(error.message).toBe('The role with name nope cannot be found.');
  });

  it('rejects malformed trust policies and bad names', async () => {
    const notJson = await rejectionOf(t.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: '{nope' })));
    expect(notJson.name).toBe('MalformedPolicyDocumentException');
    const noStatement = await rejectionOf(
      t.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: '{"Version":"2012-10-17"}' })),
    );
    expect(noStatement.name).toBe('MalformedPolicyDocumentException');
    const badName = await rejectionOf(
      t.iam.send(new CreateRoleCommand({ RoleName: 'bad name!', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY })),
    );
    expect(badName.name).toBe('ValidationError');
    expect(badName.$metadata?.httpStatusCode).toBe(400);
    const badDuration = await rejectionOf(
      t.iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY, MaxSessionDuration: 60 })),
    );
    expect(badDuration.name).toBe('ValidationError');
  });

  it('tags and untags a role', async () => {
    await t.iam.send(new TagRoleCommand({ RoleName: 'dwhRole', Tags: [{ Key: 'owner', Value: 'data-team' }, { Key: 'project', Value: 'dwh' }] }));
    const tagged = await t.iam.send(new ListRoleTagsCommand({ RoleName: 'dwhRole' }));
    expect(tagged.Tags).toEqual([
      { Key: 'project', Value: 'dwh' },
      { Key: 'owner', Value: 'data-team' },
    ]);
    expect(tagged.IsTruncated).toBe(false);
    await t.iam.send(new UntagRoleCommand({ RoleName: 'dwhRole', TagKeys: ['project'] }));
    const untagged = await t.iam.send(new ListRoleTagsCommand({ RoleName: 'dwhRole' }));
    expect(untagged.Tags).toEqual([{ Key: 'owner', Value: 'data-team' }]);
  });

  it('keeps inline policies: put, get (URL-encoded), list, delete', async () => {
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'read-s3', PolicyDocument: policy }));
    await t.iam.send(new PutRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'another', PolicyDocument: policy }));
    const got = await t.iam.send(new GetRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'read-s3' }));
    expect(got.RoleName).toBe('dwhRole');
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(policy);
    const listed = await t.iam.send(new ListRolePoliciesCommand({ RoleName: 'dwhRole' }));
    expect(listed.PolicyNames).toEqual(['another', 'read-s3']);
    const paged = await t.iam.send(new ListRolePoliciesCommand({ RoleName: 'dwhRole', MaxItems: 1 }));
    expect(paged.PolicyNames).toEqual(['another']);
    expect(paged.IsTruncated).toBe(true);
    const next = await t.iam.send(new ListRolePoliciesCommand({ RoleName: 'dwhRole', MaxItems: 1, Marker: paged.Marker }));
    expect(next.PolicyNames).toEqual(['read-s3']);
    expect(next.IsTruncated).toBe(false);

    const malformed = await rejectionOf(t.iam.send(new PutRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'x', PolicyDocument: '[]' })));
    expect(malformed.name).toBe('MalformedPolicyDocumentException');
    const missing = await rejectionOf(t.iam.send(new GetRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'nope' })));
    expect(missing.name).toBe('NoSuchEntityException');
  });

  it('attaches and detaches managed policies', async () => {
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: S3_READ_ONLY }));
    await t.iam.send(new AttachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: S3_READ_ONLY }));
    const attached = await t.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'dwhRole' }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3_READ_ONLY }]);
    const customerPolicy = await rejectionOf(
      t.iam.send(new AttachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: 'arn:aws:iam::123456789012:policy/Mine' })),
    );
    expect(customerPolicy.name).toBe('NoSuchEntityException');
    const badArn = await rejectionOf(t.iam.send(new AttachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: 'not-an-arn' })));
    expect(badArn.name).toBe('InvalidInputException');
  });

  it('refuses to delete a role that still has policies (DeleteConflict 409), then deletes it', async () => {
    const inline = await rejectionOf(t.iam.send(new DeleteRoleCommand({ RoleName: 'dwhRole' })));
    expect(inline.name).toBe('DeleteConflictException');
    expect(inline.$metadata?.httpStatusCode).toBe(409);
    await t.iam.send(new DeleteRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'read-s3' }));
    await t.iam.send(new DeleteRolePolicyCommand({ RoleName: 'dwhRole', PolicyName: 'another' }));
    const attached = await rejectionOf(t.iam.send(new DeleteRoleCommand({ RoleName: 'dwhRole' })));
    expect(attached.name).toBe('DeleteConflictException');
    await t.iam.send(new DetachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: S3_READ_ONLY }));
    const notAttached = await rejectionOf(t.iam.send(new DetachRolePolicyCommand({ RoleName: 'dwhRole', PolicyArn: S3_READ_ONLY })));
    expect(notAttached.name).toBe('NoSuchEntityException');
    await t.iam.send(new DeleteRoleCommand({ RoleName: 'dwhRole' }));
    const gone = await rejectionOf(t.iam.send(new GetRoleCommand({ RoleName: 'dwhRole' })));
    expect(gone.name).toBe('NoSuchEntityException');
    const again = await rejectionOf(t.iam.send(new DeleteRoleCommand({ RoleName: 'dwhRole' })));
    expect(again.name).toBe('NoSuchEntityException');
  });

  it('records every request with its decoded parameters', () => {
    const create = t.emulator.requests.find((request) => request.operation === 'CreateRole');
    expect(create).toMatchObject({
      service: 'iam',
      params: { RoleName: 'dwhRole', Path: '/service-role/', Tags: [{ Key: 'project', Value: 'sparkify' }] },
    });
  });
});
