// PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies: policies embedded in a role.
import { AwsError } from '../contracts.js';
import { el, list, seq } from '../protocols/xml.js';
import { findRole, paginate, validateName, validatePolicyDocument, type IamHandler } from './context.js';
import { encodePolicyDocument } from './role-xml.js';

function noSuchPolicy(policyName: string): AwsError {
  return new AwsError('NoSuchEntity', `The role policy with name ${policyName} cannot be found.`, 404);
}

export const putRolePolicy: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const policyName = params.required('PolicyName');
  validateName(policyName, 'policyName', 128);
  const document = params.required('PolicyDocument');
  validatePolicyDocument(document, 'permissions');
  ctx.state.update((state) => {
    findRole(state, roleName).inlinePolicies[policyName] = document;
  });
  return undefined;
};

export const getRolePolicy: IamHandler = (ctx, params) => {
  const role = findRole(ctx.state.read(), params.required('RoleName'));
  const policyName = params.required('PolicyName');
  const document = role.inlinePolicies[policyName];
  if (document === undefined) throw noSuchPolicy(policyName);
  return seq(el('RoleName', role.roleName), el('PolicyName', policyName), el('PolicyDocument', encodePolicyDocument(document)));
};

export const deleteRolePolicy: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const policyName = params.required('PolicyName');
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    if (role.inlinePolicies[policyName] === undefined) throw noSuchPolicy(policyName);
    delete role.inlinePolicies[policyName];
  });
  return undefined;
};

export const listRolePolicies: IamHandler = (ctx, params) => {
  const role = findRole(ctx.state.read(), params.required('RoleName'));
  const names = Object.keys(role.inlinePolicies).sort();
  const { page, isTruncated, marker } = paginate(names, params);
  return seq(
    list('PolicyNames', 'member', page, (name) => name),
    el('IsTruncated', isTruncated),
    el('Marker', marker),
  );
};
