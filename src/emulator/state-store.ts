// The control plane's persistent state: one JSON file in the state folder, re-read whenever it
// changed on disk (another sparkify process may have written it) and replaced atomically on
// every mutation (temp file, fsync, rename), so a crash leaves either the old or the new state.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Tag {
  Key: string;
  Value: string;
}

export interface RoleRecord {
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: string;
  /** As sent: the JSON text, not URL-encoded. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  tags: Tag[];
  /** Inline policies by name: the JSON text. */
  inlinePolicies: Record<string, string>;
  attachedPolicyArns: string[];
}

export interface ClusterRecord {
  identifier: string;
  nodeType: string;
  numberOfNodes: number;
  dbName: string;
  port: number;
  masterUsername: string;
  masterPasswordSecretArn?: string;
  iamRoleArns: string[];
  defaultIamRoleArn?: string;
  publiclyAccessible: boolean;
  encrypted: boolean;
  kmsKeyId?: string;
  tags: Tag[];
  vpcSecurityGroupIds: string[];
  availabilityZone: string;
  namespaceId: string;
  endpointAddress: string;
  /** Epoch milliseconds: the status is derived from these, so it moves on even while no process runs. */
  createdAt: number;
  availableAt: number;
  deleteRequestedAt?: number;
  /** When the final snapshot is done and the cluster moves from final-snapshot to deleting. */
  finalSnapshotDoneAt?: number;
  goneAt?: number;
  finalSnapshotIdentifier?: string;
  /** PauseCluster: `pausing` from requestedAt, `paused` from doneAt (until ResumeCluster removes it). */
  pause?: { requestedAt: number; doneAt: number };
  /** ResumeCluster: `resuming` until doneAt, then `available`. */
  resume?: { requestedAt: number; doneAt: number };
  /** Until then the attached roles show ApplyStatus `adding` (IAM propagation to the cluster). */
  rolesInSyncAt?: number;
  /** The subnet group given at CreateCluster; `default` (the default VPC's) otherwise. */
  clusterSubnetGroupName?: string;
}

export interface SnapshotRecord {
  identifier: string;
  clusterIdentifier: string;
  snapshotType: 'manual' | 'automated';
  createdAt: number;
  availableAt: number;
  clusterCreatedAt: number;
  nodeType: string;
  numberOfNodes: number;
  dbName: string;
  port: number;
  masterUsername: string;
  encrypted: boolean;
  availabilityZone: string;
  tags: Tag[];
}

/** A Redshift Serverless namespace: the database, its admin user and IAM roles. */
export interface NamespaceRecord {
  namespaceName: string;
  namespaceId: string;
  adminUsername: string;
  dbName: string;
  iamRoles: string[];
  defaultIamRoleArn?: string;
  adminPasswordSecretArn?: string;
  tags: Tag[];
  createdAt: number;
  deleteRequestedAt?: number;
  goneAt?: number;
  finalSnapshotName?: string;
}

/** A Redshift Serverless workgroup: the compute over one namespace. */
export interface WorkgroupRecord {
  workgroupName: string;
  workgroupId: string;
  namespaceName: string;
  baseCapacity: number;
  maxCapacity?: number;
  port: number;
  publiclyAccessible: boolean;
  securityGroupIds: string[];
  subnetIds: string[];
  tags: Tag[];
  createdAt: number;
  availableAt: number;
  deleteRequestedAt?: number;
  goneAt?: number;
}

export interface EmulatorState {
  version: 1;
  /** Keyed by lower-cased role name: IAM role names are unique regardless of case. */
  roles: Record<string, RoleRecord>;
  clusters: Record<string, ClusterRecord>;
  snapshots: Record<string, SnapshotRecord>;
  /** Redshift Serverless, keyed by name. */
  namespaces: Record<string, NamespaceRecord>;
  workgroups: Record<string, WorkgroupRecord>;
}

export const STATE_FILE_NAME = 'emulator-state.json';

function emptyState(): EmulatorState {
  return { version: 1, roles: {}, clusters: {}, snapshots: {}, namespaces: {}, workgroups: {} };
}

function sameFile(a: Stats | undefined, b: Stats | undefined): boolean {
  if (!a || !b) return a === b;
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

export class StateStore {
  readonly filePath: string;
  private state: EmulatorState = emptyState();
  private loadedFrom: Stats | undefined;

  constructor(readonly stateDir: string) {
    this.filePath = join(stateDir, STATE_FILE_NAME);
    this.reloadIfChanged();
  }

  /** The current state; treat it as read-only and change it through update(). */
  read(): EmulatorState {
    this.reloadIfChanged();
    return this.state;
  }

  /**
   * Applies a mutation to a copy of the current state and persists it. If the mutation throws
   * (an AwsError from validation), nothing is written and the in-memory state is untouched.
   */
  update<T>(mutate: (state: EmulatorState) => T): T {
    this.reloadIfChanged();
    const draft = structuredClone(this.state);
    const result = mutate(draft);
    this.persist(draft);
    return result;
  }

  private statFile(): Stats | undefined {
    try {
      return statSync(this.filePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private reloadIfChanged(): void {
    const stats = this.statFile();
    if (sameFile(stats, this.loadedFrom)) return;
    if (!stats) {
      this.state = emptyState();
      this.loadedFrom = undefined;
      return;
    }
    const text = readFileSync(this.filePath, 'utf8');
    let parsed: EmulatorState;
    try {
      parsed = JSON.parse(text) as EmulatorState;
    } catch (error) {
      // Never silently start over: that would forget clusters and roles the user still has.
      throw new Error(`The emulator state file ${this.filePath} is not valid JSON (${(error as Error).message}); fix or remove it.`);
    }
    this.state = { ...emptyState(), ...parsed };
    this.loadedFrom = stats;
  }

  private persist(next: EmulatorState): void {
    // Created with the first write, not at startup: a dry run reads the state and writes nothing.
    mkdirSync(this.stateDir, { recursive: true });
    const tempPath = `${this.filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(tempPath, 'w');
    try {
      writeSync(fd, JSON.stringify(next, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tempPath, this.filePath);
    this.state = next;
    this.loadedFrom = this.statFile();
  }
}
