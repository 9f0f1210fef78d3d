// Waiting for `available` on a cluster that will not get there by itself (paused, storage-full)
// fails at the first poll with the fix, instead of polling for 45 minutes (issue 12, item 5).
import type { RedshiftClient } from '@aws-sdk/client-redshift';
import { describe, expect, it } from 'vitest';
import { waitForClusterStatus } from '../../src/services/cluster-monitor.js';

/** A Redshift client whose DescribeClusters always answers one cluster in `status`; counts the polls. */
function clusterIn(status: string): { client: RedshiftClient; polls: () => number } {
  let polls = 0;
  const client = {
    send: async () => {
      polls++;
      return { Clusters: [{ ClusterIdentifier: 'c1', ClusterStatus: status, Tags: [{ Key: 'sparkify:managed', Value: 'true' }] }] };
    },
  } as unknown as RedshiftClient;
  return { client, polls: () => polls };
}

const clock = { now: () => 0, sleep: async () => {} };

describe('waiting for an available cluster', () => {
  it.each([
    ['paused', /is paused: it will not become available by itself/, /sparkify resume/],
    ['pausing', /is pausing/, /sparkify resume/],
    ['storage-full', /is storage-full/, /Drop what you do not need/],
  ])('fails at the first poll on a %s cluster, with the fix', async (status, message, hint) => {
    const { client, polls } = clusterIn(status);
    const error = await waitForClusterStatus(client, 'c1', 'available', { emit: () => {}, clock, timeoutMs: 45 * 60_000 }).then(
      () => undefined,
      (err: Error & { hint?: string }) => err,
    );
    expect(error?.message).toMatch(message);
    expect(error?.hint).toMatch(hint);
    expect(polls()).toBe(1);
  });

  it('still waits through resuming', async () => {
    let polls = 0;
    const client = {
      send: async () => ({ Clusters: [{ ClusterIdentifier: 'c1', ClusterStatus: ++polls < 3 ? 'resuming' : 'available', Tags: [] }] }),
    } as unknown as RedshiftClient;
    const cluster = await waitForClusterStatus(client, 'c1', 'available', { emit: () => {}, clock });
    expect(cluster.status).toBe('available');
    expect(polls).toBe(3);
  });
});
