// ListRoleTags, TagRole, UntagRole.
import { el, seq } from '../protocols/xml.js';
import { findRole, mergeTags, paginate, validateTags, type IamHandler } from './context.js';
import { tagsXml } from './role-xml.js';

export const listRoleTags: IamHandler = (ctx, params) => {
  const role = findRole(ctx.state.read(), params.required('RoleName'));
  const { page, isTruncated, marker } = paginate(role.tags, params);
  return seq(tagsXml(page), el('IsTruncated', isTruncated), el('Marker', marker));
};

export const tagRole: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const tags = params.tags();
  validateTags(tags);
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    role.tags = mergeTags(role.tags, tags);
  });
  return undefined;
};

export const untagRole: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const keys = new Set(params.strings('TagKeys'));
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    role.tags = role.tags.filter((tag) => !keys.has(tag.Key));
  });
  return undefined;
};
