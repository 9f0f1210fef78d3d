// The seams between the emulator's parts: the HTTP server and control plane (IAM, Redshift, STS, S3)
// on one side, the SQL engine and Redshift Data on the other. Each side codes against these types only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultSpec } from './faults/fault-spec.js';
import type { AccountProfile, AccountProfileName } from './accounts/profiles.js';
import type { EngineRegistry } from './engine/engine-registry.js';

/** An AWS service error, rendered in the calling protocol's own error shape (XML or JSON). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
    /** Extra members of a JSON error body (e.g. ResourceId for ResourceNotFoundException). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export interface EmulatorDelays {
  /** creating → available. */
  clusterCreateMs: number;
  /** deleting → gone (final-snapshot first when a snapshot was asked for). */
  clusterDeleteMs: number;
  /** SUBMITTED → STARTED of a Data API statement. */
  statementStartMs: number;
  /**
   * How long DescribeStatement holds its answer while the statement still runs (a long poll): the
   * answer comes the moment the statement ends, or after this long with the status then. A local
   * client learns of the end within a millisecond, without polling every few.
   */
  describeHoldMs?: number;
  /** pausing → paused (default: clusterDeleteMs). */
  clusterPauseMs?: number;
  /** resuming → available (default: clusterCreateMs). */
  clusterResumeMs?: number;
}

export interface EmulatorOptions {
  /** 0 (default) picks an ephemeral port. The host is always 127.0.0.1. */
  port?: number;
  /** Folder for persistent state: roles, clusters, one DuckDB file per cluster. */
  stateDir: string;
  /** Folder standing for S3: s3://bucket/key ↔ <s3Root>/bucket/key. */
  s3Root: string;
  delays?: Partial<EmulatorDelays>;
  /** AWS account id the emulator pretends to be. */
  accountId?: string;
  region?: string;
  /** Faults to inject (see SPEC.md, Faults): parsed rules or the spec text. Switchable later via `faults.set`. */
  faults?: FaultSpec | string;
  /** The shape of AWS account to model (see src/emulator/accounts): a profile name or a profile. Default: `default`. */
  account?: AccountProfileName | AccountProfile;
  /**
   * Sees every HTTP request first; returns true when it answered the request itself (the local
   * service's secret check and health probe live there, outside the AWS protocol handlers).
   */
  gate?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /** The clusters' PostgreSQL endpoint: 5439 by default (any free port when taken), 0 any port, false none. */
  pgPort?: number | false;
}

/** What the SQL side needs to know about a cluster; owned and persisted by the control plane. */
export interface ClusterView {
  identifier: string;
  status: string; // creating | available | deleting | final-snapshot | ...
  dbName: string;
  masterUsername: string;
  iamRoleArns: string[];
  /** What `IAM_ROLE default` in COPY resolves to; one of iamRoleArns. */
  defaultIamRoleArn?: string;
  /** Absolute path of this cluster's DuckDB file. */
  databasePath: string;
  /** Set for a Redshift Serverless workgroup (then `identifier` is `serverless:<namespace>`). */
  workgroupName?: string;
}

export interface ClusterCatalog {
  findCluster(identifier: string): ClusterView | undefined;
  /** A Redshift Serverless workgroup's database, seen like a cluster's (identifier `serverless:<namespace>`). */
  findWorkgroup?(workgroupName: string): ClusterView | undefined;
  roleArnExists(arn: string): boolean;
  /** Where a cluster's database file is (or was): known even after the cluster is gone. */
  databasePathOf(identifier: string): string;
  /** The region a bucket lives in (COPY's REGION must name it), when the account profile says so. */
  bucketRegion?(bucket: string): string;
}

/** The Redshift Data API side, created by the server and routed JSON 1.1 requests by operation name. */
export interface RedshiftDataService {
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** Close the cluster's engine and delete its database file (cluster deleted). */
  destroyClusterDatabase(identifier: string): Promise<void>;
  close(): Promise<void>;
}

export interface RedshiftDataDeps {
  catalog: ClusterCatalog;
  s3Root: string;
  delays: EmulatorDelays;
  /** The cluster engines, when shared with another front end (the PostgreSQL endpoint). */
  engines?: EngineRegistry;
  /** Fault injection: the Redshift-style error a statement fails with instead of running, if any. */
  faults?: { statementError(sql: string): string | undefined };
}

/** One request as the emulator saw it, kept for tests that audit what the tool asked for. */
export interface RecordedRequest {
  service: 'iam' | 'redshift' | 'redshift-data' | 'redshift-serverless' | 's3' | 'sts' | 'secretsmanager' | 'ec2';
  operation: string;
  params: Record<string, unknown>;
  at: number;
  /** The fault rules applied to this request (throttled, failed or delayed), when any. */
  faults?: string[];
}
