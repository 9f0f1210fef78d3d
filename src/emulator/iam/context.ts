// What every IAM operation shares: the state, the account, role lookup and IAM's own validation.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../contracts.js';
import type { QueryParams } from '../protocols/query.js';
import type { Xml } from '../protocols/xml.js';
import type { EmulatorState, RoleRecord, StateStore, Tag } from '../state-store.js';
import type { Authorizer } from '../accounts/authorizer.js';

export interface IamContext {
  state: StateStore;
  accountId: string;
  /** The operator's policy (account profile); SimulatePrincipalPolicy answers from it. */
  authorizer?: Authorizer;
  /** Who the emulated credentials belong to (STS GetCallerIdentity's Arn). */
  callerArn?: string;
}

/** Returns the XML inside <OpResult>, or undefined for operations whose output is empty. */
export type IamHandler = (ctx: IamContext, params: QueryParams) => Xml | undefined;

/** IAM role names are unique and looked up regardless of case. */
export function roleKey(roleName: string): string {
  return roleName.toLowerCase();
}

export function findRole(state: EmulatorState, roleName: string): RoleRecord {
  const role = state.roles[roleKey(roleName)];
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`, 404);
  return role;
}

function constraintError(value: string, member: string, constraint: string): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function validateName(value: string, member: string, maxLength: number): void {
  if (value.length > maxLength) throw constraintError(value, member, `Member must have length less than or equal to ${maxLength}`);
  if (!/^[\w+=,.@-]+$/.test(value)) throw constraintError(value, member, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
}

export function validatePath(path: string): void {
  if (path.length > 512 || !/^\/([\x21-\x7E]*\/)?$/.test(path)) {
    throw constraintError(path, 'path', 'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007F]+\\u002F)');
  }
}

/**
 * IAM rejects a document that is not JSON or has no Statement; a trust policy also needs a
 * Principal in every statement. Only the shape is checked, not the policy grammar.
 */
export function validatePolicyDocument(document: string, kind: 'trust' | 'permissions'): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'This policy contains invalid Json');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.');
  }
  const statement = (parsed as { Statement?: unknown }).Statement;
  if (statement === undefined) throw new AwsError('MalformedPolicyDocument', 'Missing required field Statement');
  const statements = Array.isArray(statement) ? statement : [statement];
  for (const item of statements) {
    if (!item || typeof item !== 'object') throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.');
    const fields = item as Record<string, unknown>;
    if (fields.Effect !== 'Allow' && fields.Effect !== 'Deny') {
      throw new AwsError('MalformedPolicyDocument', 'Missing required field Effect');
    }
    if (fields.Action === undefined && fields.NotAction === undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Policy statement must contain actions.');
    }
    if (kind === 'trust' && fields.Principal === undefined && fields.NotPrincipal === undefined) {
      throw new AwsError('MalformedPolicyDocument', 'Missing required field Principal');
    }
  }
}

export function validateTags(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.Key.length < 1 || tag.Key.length > 128) throw constraintError(tag.Key, 'tags.member.key', 'Member must have length between 1 and 128');
    if (tag.Value.length > 256) throw constraintError(tag.Value, 'tags.member.value', 'Member must have length less than or equal to 256');
    if (seen.has(tag.Key)) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(tag.Key);
  }
}

/** Tags after merging: a new value for an existing key replaces it, as TagRole does. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(existing.map((tag) => [tag.Key, tag.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  if (merged.size > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Unique ids like `AROAXXXXXXXXXXXXXXXXX`: a 4-letter kind prefix and 17 random characters. */
export function iamUniqueId(prefix: string): string {
  const bytes = randomBytes(17);
  return prefix + Array.from(bytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

/** IAM list pagination: an opaque Marker and MaxItems (default 100, at most 1000). */
export function paginate<T>(items: T[], params: QueryParams): { page: T[]; isTruncated: boolean; marker?: string } {
  const maxItems = params.int('MaxItems') ?? 100;
  if (maxItems < 1 || maxItems > 1000) {
    throw constraintError(String(maxItems), 'maxItems', 'Member must have value between 1 and 1000');
  }
  const marker = params.string('Marker');
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidInput', 'Invalid Marker.');
  const page = items.slice(start, start + maxItems);
  const isTruncated = start + maxItems < items.length;
  return { page, isTruncated, marker: isTruncated ? Buffer.from(String(start + maxItems)).toString('base64url') : undefined };
}
