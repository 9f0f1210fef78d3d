// The <Role> element as IAM returns it from CreateRole and GetRole.
import { el, list, seq, type Xml } from '../protocols/xml.js';
import type { RoleRecord, Tag } from '../state-store.js';

export function tagsXml(tags: Tag[]): Xml {
  return list('Tags', 'member', tags, (tag) => seq(el('Key', tag.Key), el('Value', tag.Value)));
}

/** IAM hands policy documents back URL-encoded; clients decodeURIComponent them. */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document);
}

export function roleXml(role: RoleRecord): Xml {
  return el(
    'Role',
    seq(
      el('Path', role.path),
      el('RoleName', role.roleName),
      el('RoleId', role.roleId),
      el('Arn', role.arn),
      el('CreateDate', new Date(role.createDate)),
      el('AssumeRolePolicyDocument', encodePolicyDocument(role.assumeRolePolicyDocument)),
      el('Description', role.description),
      el('MaxSessionDuration', role.maxSessionDuration),
      role.tags.length > 0 ? tagsXml(role.tags) : seq(),
      el('RoleLastUsed', seq()),
    ),
  );
}
