// IAM (awsQuery, Version 2010-05-08): the role operations sparkify uses, by action name.
import type { IamContext, IamHandler } from './context.js';
import { createRole, deleteRole, getRole } from './roles.js';
import { listRoles } from './list-roles.js';
import { listRoleTags, tagRole, untagRole } from './role-tags.js';
import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy } from './inline-policies.js';
import { attachRolePolicy, detachRolePolicy, listAttachedRolePolicies } from './attached-policies.js';
import { simulatePrincipalPolicy } from './simulate-principal-policy.js';

export const IAM_VERSION = '2010-05-08';
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

export const iamHandlers: Record<string, IamHandler> = {
  CreateRole: createRole,
  GetRole: getRole,
  DeleteRole: deleteRole,
  ListRoles: listRoles,
  ListRoleTags: listRoleTags,
  TagRole: tagRole,
  UntagRole: untagRole,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
};

export type { IamContext, IamHandler };
