// CreateTags, DeleteTags, DescribeTags on clusters and snapshots, addressed by ARN.
import { AwsError } from '../contracts.js';
import { el, list, seq } from '../protocols/xml.js';
import type { EmulatorState, Tag } from '../state-store.js';
import {
  clusterArn,
  findCluster,
  matchesTagFilter,
  paginateRecords,
  snapshotArn,
  type RedshiftContext,
  type RedshiftHandler,
} from './context.js';
import { validateTags } from './validation.js';

interface TaggableResource {
  arn: string;
  type: 'cluster' | 'snapshot';
  tags: Tag[];
  setTags(tags: Tag[]): void;
}

function taggableResources(ctx: RedshiftContext, state: EmulatorState): TaggableResource[] {
  const now = ctx.now();
  const clusters = Object.values(state.clusters)
    .filter((cluster) => findCluster(state, cluster.identifier, now))
    .map((cluster): TaggableResource => ({
      arn: clusterArn(ctx, cluster.identifier),
      type: 'cluster',
      tags: cluster.tags,
      setTags: (tags) => (cluster.tags = tags),
    }));
  const snapshots = Object.values(state.snapshots).map((snapshot): TaggableResource => ({
    arn: snapshotArn(ctx, snapshot.clusterIdentifier, snapshot.identifier),
    type: 'snapshot',
    tags: snapshot.tags,
    setTags: (tags) => (snapshot.tags = tags),
  }));
  return [...clusters, ...snapshots];
}

function requireResource(ctx: RedshiftContext, state: EmulatorState, resourceName: string): TaggableResource {
  if (!/^arn:aws[\w-]*:redshift:[\w-]+:\d{12}:(cluster|snapshot):.+$/.test(resourceName)) {
    throw new AwsError('InvalidParameterValue', `The ARN ${resourceName} is not valid.`);
  }
  const resource = taggableResources(ctx, state).find((candidate) => candidate.arn === resourceName.toLowerCase() || candidate.arn === resourceName);
  if (!resource) throw new AwsError('ResourceNotFoundFault', `The resource with ARN ${resourceName} was not found.`, 404);
  return resource;
}

export const createTags: RedshiftHandler = (ctx, params) => {
  const resourceName = params.required('ResourceName');
  const tags = params.tags();
  ctx.state.update((state) => {
    const resource = requireResource(ctx, state, resourceName);
    const merged = new Map(resource.tags.map((tag) => [tag.Key, tag.Value]));
    for (const tag of tags) merged.set(tag.Key, tag.Value);
    validateTags(tags, merged.size);
    resource.setTags([...merged].map(([Key, Value]) => ({ Key, Value })));
  });
  return undefined;
};

export const deleteTags: RedshiftHandler = (ctx, params) => {
  const resourceName = params.required('ResourceName');
  const keys = new Set(params.strings('TagKeys'));
  ctx.state.update((state) => {
    const resource = requireResource(ctx, state, resourceName);
    resource.setTags(resource.tags.filter((tag) => !keys.has(tag.Key)));
  });
  return undefined;
};

export const describeTags: RedshiftHandler = (ctx, params) => {
  const state = ctx.state.read();
  const resourceName = params.string('ResourceName');
  const resourceType = params.string('ResourceType')?.toLowerCase();
  if (resourceType !== undefined && resourceType !== 'cluster' && resourceType !== 'snapshot') {
    throw new AwsError('InvalidParameterValue', `Resource type ${resourceType} is not supported by the emulator; use cluster or snapshot.`);
  }
  const tagKeys = params.strings('TagKeys');
  const tagValues = params.strings('TagValues');
  const resources = resourceName ? [requireResource(ctx, state, resourceName)] : taggableResources(ctx, state);
  const tagged = resources
    .filter((resource) => resourceType === undefined || resource.type === resourceType)
    .flatMap((resource) =>
      resource.tags.filter((tag) => matchesTagFilter([tag], tagKeys, tagValues)).map((tag) => ({ resource, tag })),
    );
  const { page, marker } = paginateRecords(tagged, params);
  return seq(
    list('TaggedResources', 'TaggedResource', page, ({ resource, tag }) =>
      // AWS names the types capitalised in answers ("Cluster", "Snapshot") while accepting any case in requests.
      seq(el('Tag', seq(el('Key', tag.Key), el('Value', tag.Value))), el('ResourceName', resource.arn), el('ResourceType', resource.type === 'cluster' ? 'Cluster' : 'Snapshot')),
    ),
    el('Marker', marker),
  );
};
