// ListRoles: every role, by name, filtered by PathPrefix and paged by Marker/MaxItems. Like IAM,
// the list leaves out each role's tags and RoleLastUsed (GetRole has them).
import { el, list, seq } from '../protocols/xml.js';
import { paginate, type IamHandler } from './context.js';
import { encodePolicyDocument } from './role-xml.js';

export const listRoles: IamHandler = (ctx, params) => {
  const pathPrefix = params.string('PathPrefix') ?? '/';
  const roles = Object.values(ctx.state.read().roles)
    .filter((role) => role.path.startsWith(pathPrefix))
    .sort((a, b) => a.roleName.localeCompare(b.roleName));
  const { page, isTruncated, marker } = paginate(roles, params);
  return seq(
    list('Roles', 'member', page, (role) => seq(
      el('Path', role.path), el('RoleName', role.roleName), el('RoleId', role.roleId), el('Arn', role.arn),
      el('CreateDate', new Date(role.createDate)), el('AssumeRolePolicyDocument', encodePolicyDocument(role.assumeRolePolicyDocument)),
      el('Description', role.description), el('MaxSessionDuration', role.maxSessionDuration),
    )),
    el('IsTruncated', isTruncated),
    el('Marker', marker),
  );
};
