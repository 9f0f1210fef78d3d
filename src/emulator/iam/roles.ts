// CreateRole, GetRole, DeleteRole.
import { AwsError } from '../contracts.js';
import type { RoleRecord } from '../state-store.js';
import { findRole, iamUniqueId, roleKey, validateName, validatePath, validatePolicyDocument, validateTags, type IamHandler } from './context.js';
import { roleXml } from './role-xml.js';

export const createRole: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  validateName(roleName, 'roleName', 64);
  const path = params.string('Path') ?? '/';
  validatePath(path);
  const assumeRolePolicyDocument = params.required('AssumeRolePolicyDocument');
  validatePolicyDocument(assumeRolePolicyDocument, 'trust');
  const description = params.string('Description');
  if (description !== undefined && description.length > 1000) {
    throw new AwsError('ValidationError', "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000");
  }
  const maxSessionDuration = params.int('MaxSessionDuration') ?? 3600;
  if (maxSessionDuration < 3600 || maxSessionDuration > 43200) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${maxSessionDuration}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200`,
    );
  }
  const tags = params.tags();
  validateTags(tags);
  if (tags.length > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50.', 409);

  const role = ctx.state.update((state) => {
    if (state.roles[roleKey(roleName)]) {
      throw new AwsError('EntityAlreadyExists', `Role with name ${roleName} already exists.`, 409);
    }
    const record: RoleRecord = {
      roleName,
      roleId: iamUniqueId('AROA'),
      path,
      arn: `arn:aws:iam::${ctx.accountId}:role${path}${roleName}`,
      createDate: new Date().toISOString(),
      assumeRolePolicyDocument,
      description,
      maxSessionDuration,
      tags,
      inlinePolicies: {},
      attachedPolicyArns: [],
    };
    state.roles[roleKey(roleName)] = record;
    return record;
  });
  return roleXml(role);
};

export const getRole: IamHandler = (ctx, params) => roleXml(findRole(ctx.state.read(), params.required('RoleName')));

export const deleteRole: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    if (Object.keys(role.inlinePolicies).length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    }
    if (role.attachedPolicyArns.length > 0) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
    }
    delete state.roles[roleKey(roleName)];
  });
  return undefined;
};
