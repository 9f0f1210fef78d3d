// ModifyCluster, minimal: a resize (NodeType / NumberOfNodes / ClusterType) takes effect at once —
// the emulator has no data to redistribute — so PendingModifiedValues stays empty and the cluster
// stays available. Other modifications are refused, naming what the emulator supports.
import { AwsError } from '../contracts.js';
import { el } from '../protocols/xml.js';
import { clusterStatus } from './cluster-status.js';
import { clusterXml } from './cluster-xml.js';
import { requireCluster, type RedshiftHandler } from './context.js';
import { resolveNodeCount } from './validation.js';

const SUPPORTED = new Set(['ClusterIdentifier', 'NodeType', 'NumberOfNodes', 'ClusterType']);

export const modifyCluster: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const unsupported = Object.keys(params.raw).filter((name) => !SUPPORTED.has(name));
  if (unsupported.length > 0) {
    throw new AwsError('UnsupportedOperation', `The emulator's ModifyCluster changes only NodeType, NumberOfNodes and ClusterType, not ${unsupported.join(', ')}.`);
  }
  const cluster = ctx.state.update((state) => {
    const record = requireCluster(state, identifier, ctx.now());
    if (clusterStatus(record, ctx.now()) !== 'available') {
      throw new AwsError('InvalidClusterState', `The cluster ${record.identifier} is not in the available state.`);
    }
    const nodeType = params.string('NodeType') ?? record.nodeType;
    const requested = params.int('NumberOfNodes');
    // Without a new type or count the cluster keeps its shape; a new node type alone keeps the count.
    const clusterType = params.string('ClusterType') ?? (requested !== undefined ? undefined : record.numberOfNodes > 1 ? 'multi-node' : 'single-node');
    const numberOfNodes = resolveNodeCount(nodeType, clusterType, requested ?? (clusterType === 'multi-node' && record.numberOfNodes > 1 ? record.numberOfNodes : undefined));
    record.nodeType = nodeType;
    record.numberOfNodes = numberOfNodes;
    return record;
  });
  return el('Cluster', clusterXml(ctx, cluster));
};
