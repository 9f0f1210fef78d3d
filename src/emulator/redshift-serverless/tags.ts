// TagResource / UntagResource / ListTagsForResource on namespace and workgroup ARNs.
import { AwsError } from '../contracts.js';
import type { EmulatorState, Tag } from '../state-store.js';
import { findNamespace, findWorkgroup, namespaceArn, notFound, validation, workgroupArn, type ServerlessContext } from './context.js';

const MAX_TAGS = 50;

/** Serverless tags are `{key, value}` (camel case), unlike Redshift's `{Key, Value}`. */
export function readTags(input: unknown): Tag[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw validation('tags must be a list.');
  const tags = input.map((t: { key?: unknown; value?: unknown }) => {
    if (typeof t?.key !== 'string' || t.key.length < 1 || t.key.length > 128) throw validation('Each tag key must be 1–128 characters.');
    if (typeof t.value !== 'string' || t.value.length > 256) throw validation('Each tag value must be at most 256 characters.');
    if (t.key.toLowerCase().startsWith('aws:')) throw validation('Tag keys may not start with "aws:".');
    return { Key: t.key, Value: t.value };
  });
  if (tags.length > MAX_TAGS) throw tooMany();
  return tags;
}

export const renderTags = (tags: Tag[]) => tags.map((t) => ({ key: t.Key, value: t.Value }));

const tooMany = () => new AwsError('TooManyTagsException', `A resource can have at most ${MAX_TAGS} tags.`);

function taggedResource(ctx: ServerlessContext, state: EmulatorState, arn: unknown): { tags: Tag[] } {
  if (typeof arn !== 'string' || arn === '') throw validation('resourceArn is required.');
  const now = ctx.now();
  for (const ns of Object.values(state.namespaces)) if (namespaceArn(ctx, ns.namespaceId) === arn && findNamespace(state, ns.namespaceName, now)) return ns;
  for (const wg of Object.values(state.workgroups)) if (workgroupArn(ctx, wg.workgroupId) === arn && findWorkgroup(state, wg.workgroupName, now)) return wg;
  throw notFound(`The resource ${arn} does not exist.`);
}

export function tagResource(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const added = readTags(input.tags);
  ctx.state.update((state) => {
    const resource = taggedResource(ctx, state, input.resourceArn);
    const merged = new Map(resource.tags.map((t) => [t.Key, t.Value]));
    for (const t of added) merged.set(t.Key, t.Value);
    if (merged.size > MAX_TAGS) throw tooMany();
    resource.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  });
  return {};
}

export function untagResource(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  const keys = Array.isArray(input.tagKeys) ? input.tagKeys.filter((k): k is string => typeof k === 'string') : [];
  ctx.state.update((state) => {
    const resource = taggedResource(ctx, state, input.resourceArn);
    resource.tags = resource.tags.filter((t) => !keys.includes(t.Key));
  });
  return {};
}

export function listTagsForResource(ctx: ServerlessContext, input: Record<string, unknown>): Record<string, unknown> {
  return { tags: renderTags(taggedResource(ctx, ctx.state.read(), input.resourceArn).tags) };
}
