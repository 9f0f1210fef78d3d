// The open cluster engines of this process, keyed by cluster identifier (one DuckDB instance each).
import { rm } from 'node:fs/promises';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import { ClusterEngine, clusterScratchDir } from './cluster-engine.js';

export interface EngineRegistryDeps {
  catalog: ClusterCatalog;
  s3Root: string;
}

export class EngineRegistry {
  private readonly engines = new Map<string, Promise<ClusterEngine>>();

  constructor(readonly deps: EngineRegistryDeps) {}

  /** The cluster's engine, opening its database file on first use. */
  get(cluster: ClusterView): Promise<ClusterEngine> {
    let engine = this.engines.get(cluster.identifier);
    if (!engine) {
      engine = ClusterEngine.open(cluster.identifier, cluster.databasePath, { s3Root: this.deps.s3Root });
      this.engines.set(cluster.identifier, engine);
      engine.catch(() => this.engines.delete(cluster.identifier));
    }
    return engine;
  }

  async close(identifier: string): Promise<void> {
    const engine = this.engines.get(identifier);
    this.engines.delete(identifier);
    if (engine) await (await engine.catch(() => undefined))?.close();
  }

  /** Close the engine and delete the database file, its write-ahead log and its scratch folder (stages, spilled pages). */
  async destroy(identifier: string): Promise<void> {
    const path = (await this.engines.get(identifier)?.catch(() => undefined))?.databasePath
      ?? this.deps.catalog.databasePathOf(identifier);
    await this.close(identifier);
    if (path) {
      await rm(path, { force: true });
      await rm(`${path}.wal`, { force: true });
      await rm(clusterScratchDir(path, identifier), { recursive: true, force: true });
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.engines.keys()].map((id) => this.close(id)));
  }
}
