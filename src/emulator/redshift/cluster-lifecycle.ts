// Finishing deletions: a cluster whose deletion time has passed is removed from the state and its
// DuckDB database dropped. This happens on a timer while the server runs, on startup for clusters
// that finished deleting while no emulator was running, and before any request that could see it.
import type { StateStore } from '../state-store.js';
import { clusterStatus } from './cluster-status.js';

export interface ClusterLifecycleDeps {
  state: StateStore;
  /** Drops the cluster's database (RedshiftDataService.destroyClusterDatabase). */
  destroyDatabase: (identifier: string) => Promise<void>;
  now?: () => number;
}

export class ClusterLifecycle {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pendingDestroys = new Set<Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly deps: ClusterLifecycleDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Removes every cluster that is gone and waits until their databases are dropped. */
  async reapGone(): Promise<void> {
    const now = this.now();
    const anyGone = Object.values(this.deps.state.read().clusters).some((cluster) => clusterStatus(cluster, now) === 'gone');
    if (anyGone) {
      // Removing inside one update makes sure only one caller (timer or request) drops a database.
      const gone = this.deps.state.update((state) => {
        const ids = Object.values(state.clusters)
          .filter((cluster) => clusterStatus(cluster, now) === 'gone')
          .map((cluster) => cluster.identifier);
        for (const id of ids) delete state.clusters[id];
        return ids;
      });
      for (const id of gone) this.track(this.deps.destroyDatabase(id));
    }
    await Promise.all(this.pendingDestroys);
  }

  /** Arms timers for every cluster still being deleted (on startup: deletions another process began). */
  scheduleDeletions(): void {
    for (const cluster of Object.values(this.deps.state.read().clusters)) {
      if (cluster.goneAt !== undefined) this.scheduleReapAt(cluster.goneAt);
    }
  }

  /** Reaps as soon as a deletion finishes, so the database is dropped even if nobody asks. */
  scheduleReapAt(goneAt: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.reapGone();
    }, Math.max(0, goneAt - this.now()) + 1);
    timer.unref();
    this.timers.add(timer);
  }

  /** Stops the timers and waits for databases being dropped right now. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.pendingDestroys);
  }

  private track(destroy: Promise<void>): void {
    // A database that cannot be dropped must not break the requests that trigger the reaping.
    const tracked: Promise<void> = destroy
      .catch((error: unknown) => process.emitWarning(`emulator: dropping a deleted cluster's database failed: ${String(error)}`))
      .finally(() => this.pendingDestroys.delete(tracked));
    this.pendingDestroys.add(tracked);
  }
}
