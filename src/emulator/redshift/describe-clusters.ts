// DescribeClusters: one cluster by identifier (ClusterNotFound once it is gone) or all of them,
// optionally filtered by tag keys and values.
import { el, list, seq } from '../protocols/xml.js';
import { clusterXml } from './cluster-xml.js';
import { findCluster, matchesTagFilter, paginateRecords, requireCluster, type RedshiftHandler } from './context.js';

export const describeClusters: RedshiftHandler = async (ctx, params) => {
  await ctx.lifecycle.reapGone();
  const state = ctx.state.read();
  const now = ctx.now();
  const identifier = params.string('ClusterIdentifier');
  const tagKeys = params.strings('TagKeys');
  const tagValues = params.strings('TagValues');
  const candidates = identifier
    ? [requireCluster(state, identifier, now)]
    : Object.values(state.clusters).filter((cluster) => findCluster(state, cluster.identifier, now));
  const clusters = candidates
    .filter((cluster) => matchesTagFilter(cluster.tags, tagKeys, tagValues))
    .sort((a, b) => a.identifier.localeCompare(b.identifier));
  const { page, marker } = paginateRecords(clusters, params);
  return seq(list('Clusters', 'Cluster', page, (cluster) => clusterXml(ctx, cluster)), el('Marker', marker));
};
