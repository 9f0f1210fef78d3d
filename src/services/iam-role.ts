// The IAM role Redshift assumes to read the source bucket(s) during COPY: trust for
// redshift.amazonaws.com plus a read-only inline policy scoped to the configured buckets.
import {
  CreateRoleCommand,
  type CreateRoleCommandInput,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoleTags,
  PutRolePolicyCommand,
  type IAMClient,
  type Tag,
} from '@aws-sdk/client-iam';
import type { Emit } from '../workflow/events.js';
import { isAwsError, toUserError, UserError } from './errors.js';
import { hasManagedTag, MANAGED_TAG } from './managed-tag.js';

export const S3_READ_POLICY_NAME = 'sparkify-s3-read';

export interface RoleInfo {
  roleName: string;
  arn: string;
  tags: Tag[];
  managed: boolean;
}

/**
 * Only Redshift may assume the role, and (with the account known) only on behalf of this
 * account's clusters: aws:SourceAccount stops another account's Redshift from using it (confused deputy).
 */
export function redshiftTrustPolicy(accountId?: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'redshift.amazonaws.com' },
        Action: 'sts:AssumeRole',
        ...(accountId ? { Condition: { StringEquals: { 'aws:SourceAccount': accountId } } } : {}),
      },
    ],
  });
}

/** Least privilege for COPY: list and locate the buckets, read their objects, nothing else. */
export function s3ReadPolicy(buckets: readonly string[]): string {
  if (buckets.length === 0) throw new Error('s3ReadPolicy needs at least one bucket');
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ListConfiguredBuckets',
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: buckets.map((b) => `arn:aws:s3:::${b}`),
      },
      {
        Sid: 'ReadConfiguredObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: buckets.map((b) => `arn:aws:s3:::${b}/*`),
      },
    ],
  });
}

/** The role and its tags, or undefined when it does not exist. */
export async function findRole(iam: IAMClient, roleName: string): Promise<RoleInfo | undefined> {
  let arn: string;
  try {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    arn = Role!.Arn!;
  } catch (err) {
    if (isAwsError(err, 'NoSuchEntity')) return undefined;
    throw toUserError(err, `Looking up IAM role ${roleName}`);
  }
  // GetRole's Tags are not guaranteed complete; ListRoleTags is the authoritative (paged) source.
  const tags: Tag[] = [];
  try {
    for await (const page of paginateListRoleTags({ client: iam }, { RoleName: roleName })) tags.push(...(page.Tags ?? []));
  } catch (err) {
    throw toUserError(err, `Reading the tags of IAM role ${roleName}`);
  }
  return { roleName, arn, tags, managed: hasManagedTag(tags) };
}

function notOursError(roleName: string, action: string): UserError {
  return new UserError(
    `IAM role ${roleName} exists but was not created by sparkify (it has no sparkify:managed=true tag), so it will not be ${action}.`,
    'Set [DWH] IAM_ROLE_NAME in dwh.cfg to a name not in use, or remove that role yourself if you are sure it is unused.',
  );
}

export interface CreateRoleOptions {
  roleName: string;
  /** Buckets the COPYs read; the policy grants nothing else. */
  buckets: readonly string[];
  emit: Emit;
  /** The account the role is for: the trust policy's aws:SourceAccount condition. */
  accountId?: string;
}

/** What CreateRole is sent (also what --dry-run prints). */
export function createRoleInput(roleName: string, accountId?: string): CreateRoleCommandInput {
  return {
    RoleName: roleName,
    AssumeRolePolicyDocument: redshiftTrustPolicy(accountId),
    Description: 'Lets Redshift read the Sparkify source data in S3 (created by sparkify)',
    Tags: [{ ...MANAGED_TAG }],
  };
}

/** Creates the role (or reuses one sparkify created): its ARN, and whether this call created it. */
export async function createRoleIfMissing(iam: IAMClient, { roleName, buckets, emit, accountId }: CreateRoleOptions): Promise<{ arn: string; created: boolean }> {
  const existing = await findRole(iam, roleName);
  if (existing) return reuseManagedRole(iam, existing, buckets, emit);

  let arn: string;
  try {
    const { Role } = await iam.send(
      new CreateRoleCommand(createRoleInput(roleName, accountId)),
    );
    arn = Role!.Arn!;
  } catch (err) {
    // Lost a race with another run: treat it like any existing role (reuse only if ours).
    if (isAwsError(err, 'EntityAlreadyExists')) {
      const raced = await findRole(iam, roleName);
      if (raced) return reuseManagedRole(iam, raced, buckets, emit);
    }
    throw toUserError(err, `Creating IAM role ${roleName}`);
  }
  await putReadPolicy(iam, roleName, buckets);
  emit({ type: 'role', action: 'created', roleName, arn });
  return { arn, created: true };
}

async function reuseManagedRole(iam: IAMClient, role: RoleInfo, buckets: readonly string[], emit: Emit): Promise<{ arn: string; created: false }> {
  if (!role.managed) throw notOursError(role.roleName, 'used');
  // Rewriting the policy is idempotent and follows a change of [S3] buckets since the last run.
  await putReadPolicy(iam, role.roleName, buckets);
  emit({ type: 'role', action: 'reused', roleName: role.roleName, arn: role.arn });
  return { arn: role.arn, created: false };
}

async function putReadPolicy(iam: IAMClient, roleName: string, buckets: readonly string[]): Promise<void> {
  try {
    await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: S3_READ_POLICY_NAME, PolicyDocument: s3ReadPolicy(buckets) }));
  } catch (err) {
    throw toUserError(err, `Attaching the S3 read policy to IAM role ${roleName}`);
  }
}

/**
 * Deletes a role sparkify created: inline policies first, then attached managed policies (IAM
 * refuses DeleteRole with DeleteConflict otherwise), then the role. Returns false when it was absent.
 */
export async function deleteManagedRole(iam: IAMClient, roleName: string, emit: Emit): Promise<boolean> {
  const role = await findRole(iam, roleName);
  if (!role) {
    emit({ type: 'role', action: 'absent', roleName });
    return false;
  }
  if (!role.managed) throw notOursError(roleName, 'deleted');
  try {
    const inline: string[] = [];
    for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: roleName })) inline.push(...(page.PolicyNames ?? []));
    for (const policyName of inline) await iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }));

    const attached: string[] = [];
    for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: roleName })) {
      attached.push(...(page.AttachedPolicies ?? []).map((p) => p.PolicyArn!).filter(Boolean));
    }
    for (const policyArn of attached) await iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn }));

    await iam.send(new DeleteRoleCommand({ RoleName: roleName }));
  } catch (err) {
    if (isAwsError(err, 'NoSuchEntity')) {
      // Deleted concurrently: the goal is reached.
      emit({ type: 'role', action: 'absent', roleName });
      return false;
    }
    throw toUserError(err, `Deleting IAM role ${roleName}`);
  }
  emit({ type: 'role', action: 'deleted', roleName, arn: role.arn });
  return true;
}
