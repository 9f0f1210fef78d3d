// PauseCluster and ResumeCluster: `available` → `pausing` → `paused` (RA3 then bills only storage),
// and `paused` → `resuming` → `available`. Redshift refuses both in any other state.
import { AwsError } from '../contracts.js';
import { el } from '../protocols/xml.js';
import { clusterStatus } from './cluster-status.js';
import { clusterXml } from './cluster-xml.js';
import { requireCluster, type RedshiftHandler } from './context.js';

export const pauseCluster: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const cluster = ctx.state.update((state) => {
    const now = ctx.now();
    const record = requireCluster(state, identifier, now);
    const status = clusterStatus(record, now);
    if (status !== 'available') {
      throw new AwsError('InvalidClusterState', `You can't pause cluster ${record.identifier} because its status is ${status}; only an available cluster can be paused.`);
    }
    record.pause = { requestedAt: now, doneAt: now + (ctx.delays.clusterPauseMs ?? ctx.delays.clusterDeleteMs) };
    delete record.resume;
    return record;
  });
  return el('Cluster', clusterXml(ctx, cluster));
};

export const resumeCluster: RedshiftHandler = (ctx, params) => {
  const identifier = params.required('ClusterIdentifier');
  const cluster = ctx.state.update((state) => {
    const now = ctx.now();
    const record = requireCluster(state, identifier, now);
    const status = clusterStatus(record, now);
    if (status !== 'paused') {
      throw new AwsError('InvalidClusterState', `You can't resume cluster ${record.identifier} because its status is ${status}; only a paused cluster can be resumed.`);
    }
    delete record.pause;
    record.resume = { requestedAt: now, doneAt: now + (ctx.delays.clusterResumeMs ?? ctx.delays.clusterCreateMs) };
    return record;
  });
  return el('Cluster', clusterXml(ctx, cluster));
};
