// dwh.cfg → a typed, validated SparkifyConfig plus warnings. Reads our layout and the two classic
// course layouts; secrets found in the file are kept off every enumerable property so they never
// reach JSON, logs, errors or util.inspect.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { validateStateDir } from './state-dir.js';
import { ConfigError, describeLocation } from './config-error.js';
import { ConfigValuesSchema, EXPECTED, type ConfigInput } from './config-schema.js';
import {
  collectRawFields,
  detectLayout,
  lookup,
  preferredKey,
  readIniSections,
  unknownKeys,
  firstNonIniLine,
  type ConfigLayout,
  type FieldName,
  type IniSections,
  type RawFields,
} from './config-sources.js';
import { findBetterCredentialSource, type CredentialEnvironment } from './credentials.js';
import { DEFAULT_NODE_TYPE, findNodeType } from './node-types.js';

export type { ConfigLayout } from './config-sources.js';
export type TargetName = 'local' | 'aws';
export type ClusterType = 'single-node' | 'multi-node';
export type Deployment = 'provisioned' | 'serverless';

/** [DWH] DEPLOYMENT = serverless: a Redshift Serverless namespace (database, admin, role) and its workgroup (compute). */
export interface ServerlessConfig {
  namespaceName: string;
  workgroupName: string;
  /** RPUs the workgroup starts from (8–512, steps of 8). */
  baseCapacity: number;
  /** The most RPUs it may scale to; AWS's default when absent. */
  maxCapacity?: number;
}

export interface ConfigSecrets {
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Read only to warn about it: the cluster uses a managed master password. */
  dbPassword?: string;
}

export interface SparkifyConfig {
  /** Absolute path of the file read. */
  file: string;
  layout: ConfigLayout;
  target: TargetName;
  aws: {
    region: string;
    profile?: string;
    /** Where SDK credentials come from on the aws target; 'config-file' only as a last resort. */
    credentials: 'default-chain' | 'profile' | 'config-file';
  };
  dwh: {
    clusterIdentifier: string;
    clusterType: ClusterType;
    numNodes: number;
    nodeType: string;
    dbName: string;
    dbUser: string;
    dbPort: number;
    iamRoleName: string;
    /** Where the cluster goes: a cluster subnet group of your VPC; without it, the default VPC. */
    clusterSubnetGroup?: string;
    vpcSecurityGroupIds?: string[];
  };
  /** Present only with [DWH] DEPLOYMENT = serverless; without it the deployment is a provisioned cluster. */
  serverless?: ServerlessConfig;
  /** region: [S3] REGION when set; otherwise undefined and the bucket's region is looked up. */
  s3: { logData: string; logJsonPath: string; songData: string; region?: string };
  /** serviceIdleMinutes: the shared local service stops after this long unused (default 30). */
  local: { s3Root: string; stateDir: string; clusterCreateSeconds?: number; serviceIdleMinutes?: number };
  /** Non-enumerable: invisible to JSON.stringify, spread, Object.keys and console.log. */
  readonly secrets: ConfigSecrets;
}

export interface LoadedConfig {
  config: SparkifyConfig;
  warnings: string[];
}

/** Where to look for better credentials than keys in the file (defaults: process.env, the home folder). */
export type LoadConfigOptions = Partial<CredentialEnvironment> & {
  /** The target the caller will use (--target), when it overrides [TARGET] NAME: warnings speak of that one. */
  target?: TargetName;
  /** The deployment the caller chose (the wizard's plan screen), overriding [DWH] DEPLOYMENT. */
  deployment?: Deployment;
};

/** Values a legacy (course) file may leave out: the tool creates these resources itself. */
const LEGACY_DEFAULTS: Partial<Record<FieldName, string>> = {
  clusterIdentifier: 'sparkify-dwh',
  dbName: 'sparkify',
  dbUser: 'sparkify_admin',
  iamRoleName: 'sparkify-redshift-s3-read',
  region: 'us-west-2', // where the course's udacity-dend bucket lives
};

/** Values any file may leave out. */
const DEFAULTS: Partial<Record<FieldName, string>> = {
  target: 'local',
  nodeType: DEFAULT_NODE_TYPE,
  dbPort: '5439',
  s3Root: 'data/s3',
  stateDir: '.sparkify',
  deployment: 'provisioned',
  namespaceName: 'sparkify-ns',
  workgroupName: 'sparkify-wg',
  baseCapacity: '8',
};

const HOST_PATTERN = /^([a-z][a-z0-9-]*)\.[a-z0-9]+\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.redshift(?:-serverless)?\.amazonaws\.com(?::\d+)?$/i;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/;

export function loadConfig(path: string, options: LoadConfigOptions = {}): LoadedConfig {
  if (!existsSync(path)) {
    throw new ConfigError({ file: path }, 'file not found', 'Create it from the committed dwh.cfg, or pass --config <file>.');
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError({ file: path }, `cannot be read (${code})`, 'Make it a readable text file (check its permissions), or pass --config <file>.');
  }
  return parseConfigText(text, path, options);
}

/** The same as loadConfig for text already read; `path` names the file in messages and anchors relative paths. */
export function parseConfigText(text: string, path: string, options: LoadConfigOptions = {}): LoadedConfig {
  const notIni = firstNonIniLine(text);
  if (notIni) {
    const shown = notIni.text.trim().length > 40 ? `${notIni.text.trim().slice(0, 39)}…` : notIni.text.trim();
    throw new ConfigError(
      { file: path },
      `not an INI file: line ${notIni.line} ("${shown}") is neither a [SECTION] header nor KEY = VALUE`,
      `Write ${path} as INI, like the committed dwh.cfg ([DWH], [S3], … sections of KEY = VALUE lines), or pass --config <file>.`,
    );
  }
  const sections = readIniSections(text);
  const layout = detectLayout(sections);
  const raw = collectRawFields(sections);
  const warnings: string[] = [];
  const at = (section: string, key?: string) => describeLocation({ file: path, section, key });

  deriveFromStarterKeys(sections, raw, path);
  applyDefaults(raw, layout, warnings, path);

  const input: ConfigInput = {};
  for (const [field, value] of Object.entries(raw)) input[field as FieldName] = value?.value;
  const parsed = ConfigValuesSchema.safeParse(input);
  if (!parsed.success) throw configErrorFromIssues(parsed.error.issues, raw, layout, path);
  const v = parsed.data;

  if (findNodeType(v.nodeType)?.retiring) {
    const source = raw.nodeType!.source;
    warnings.push(`${at(source.section, source.key)}: ${v.nodeType} is a DC2 node type, which AWS is retiring; choose an RA3 type such as ${DEFAULT_NODE_TYPE}`);
  }
  const credentials = decideCredentials(raw, v.profile, options, warnings, path, options.target ?? v.target);
  if (raw.dbPassword) {
    const { section, key } = raw.dbPassword.source;
    warnings.push(
      `${at(section, key)}: a password is stored in the file but not used (the cluster gets a master password managed by AWS Secrets Manager and SQL runs through the Redshift Data API with temporary credentials); delete ${key} from the file`,
    );
  }
  for (const { section, key, suggestion } of unknownKeys(sections)) {
    if (key === '') warnings.push(`${at(section)}: unknown section, ignored; did you mean [${suggestion}]?`);
    else warnings.push(`${at(section, key)}: unknown key, ignored${suggestion ? `; did you mean ${suggestion}?` : ''}`);
  }

  const dir = dirname(resolve(path));
  validateStateDir(resolve(dir, v.stateDir), raw.stateDir?.written ?? v.stateDir, { file: path, ...(raw.stateDir?.source ?? preferredKey('stateDir', layout)) }, {
    s3Root: resolve(dir, v.s3Root),
  });
  const config = {
    file: resolve(path),
    layout,
    target: v.target,
    aws: { region: v.region, ...(v.profile ? { profile: v.profile } : {}), credentials },
    dwh: {
      clusterIdentifier: v.clusterIdentifier,
      clusterType: v.clusterType,
      numNodes: v.numNodes,
      nodeType: v.nodeType,
      dbName: v.dbName,
      dbUser: v.dbUser,
      dbPort: v.dbPort,
      iamRoleName: v.iamRoleName,
      ...(v.clusterSubnetGroup ? { clusterSubnetGroup: v.clusterSubnetGroup } : {}),
      ...(v.vpcSecurityGroupIds ? { vpcSecurityGroupIds: v.vpcSecurityGroupIds } : {}),
    },
    ...((options.deployment ?? v.deployment) === 'serverless'
      ? { serverless: { namespaceName: v.namespaceName, workgroupName: v.workgroupName, baseCapacity: v.baseCapacity, ...(v.maxCapacity !== undefined ? { maxCapacity: v.maxCapacity } : {}) } }
      : {}),
    s3: { logData: v.logData, logJsonPath: v.logJsonPath, songData: v.songData, ...(v.s3Region ? { region: v.s3Region } : {}) },
    local: {
      s3Root: resolve(dir, v.s3Root),
      stateDir: resolve(dir, v.stateDir),
      ...(v.clusterCreateSeconds !== undefined ? { clusterCreateSeconds: v.clusterCreateSeconds } : {}),
      ...(v.serviceIdleMinutes !== undefined ? { serviceIdleMinutes: v.serviceIdleMinutes } : {}),
    },
  } as SparkifyConfig;
  const secrets: ConfigSecrets = {};
  if (raw.accessKeyId) secrets.accessKeyId = raw.accessKeyId.value;
  if (raw.secretAccessKey) secrets.secretAccessKey = raw.secretAccessKey.value;
  if (raw.dbPassword) secrets.dbPassword = raw.dbPassword.value;
  Object.defineProperty(config, 'secrets', { value: Object.freeze(secrets), enumerable: false });
  return { config, warnings };
}

/** Starter layout: the cluster id and region come from HOST, the role name from the role ARN. */
function deriveFromStarterKeys(sections: IniSections, raw: RawFields, file: string): void {
  const hostKey = { section: 'CLUSTER', key: 'HOST' };
  const host = lookup(sections, hostKey);
  if (host) {
    const match = HOST_PATTERN.exec(host);
    if (!match) {
      throw new ConfigError(
        { file, ...hostKey },
        `expected a Redshift endpoint such as dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com, got "${host}"`,
      );
    }
    raw.clusterIdentifier ??= { value: match[1], source: hostKey, written: host };
    raw.region ??= { value: match[2].toLowerCase(), source: hostKey, written: host };
  }
  const arnKey = { section: 'IAM_ROLE', key: 'ARN' };
  const arn = lookup(sections, arnKey);
  if (arn && !raw.iamRoleName) {
    const match = ROLE_ARN_PATTERN.exec(arn);
    if (!match) throw new ConfigError({ file, ...arnKey }, `expected an IAM role ARN such as arn:aws:iam::123456789012:role/dwhRole, got "${arn}"`);
    raw.iamRoleName = { value: match[1], source: arnKey, written: arn };
  }
}

function applyDefaults(raw: RawFields, layout: ConfigLayout, warnings: string[], file: string): void {
  const setDefault = (field: FieldName, value: string) => {
    raw[field] ??= { value, source: preferredKey(field, layout) };
  };
  if (layout !== 'sparkify') {
    for (const [field, value] of Object.entries(LEGACY_DEFAULTS) as Array<[FieldName, string]>) {
      if (raw[field]) continue;
      setDefault(field, value);
      const { section, key } = preferredKey(field, layout);
      warnings.push(`${describeLocation({ file, section, key })}: not set; using "${value}"`);
    }
  }
  for (const [field, value] of Object.entries(DEFAULTS) as Array<[FieldName, string]>) setDefault(field, value);
  // Cluster shape: infer the missing half from the other, or from what the node type allows.
  const nodeTypeAllowsSingle = findNodeType(raw.nodeType!.value)?.singleNode ?? true;
  if (!raw.clusterType) {
    const nodes = raw.numNodes ? Number(raw.numNodes.value) : undefined;
    setDefault('clusterType', nodes === 1 || (nodes === undefined && nodeTypeAllowsSingle) ? 'single-node' : 'multi-node');
  }
  setDefault('numNodes', raw.clusterType!.value.toLowerCase() === 'single-node' ? '1' : '2');
}

function decideCredentials(
  raw: RawFields,
  profile: string | undefined,
  options: LoadConfigOptions,
  warnings: string[],
  file: string,
  target: TargetName,
): SparkifyConfig['aws']['credentials'] {
  const fallback: SparkifyConfig['aws']['credentials'] = profile ? 'profile' : 'default-chain';
  if (!raw.accessKeyId && !raw.secretAccessKey) return fallback;
  const where = describeLocation({ file, section: 'AWS', key: 'KEY/SECRET' });
  const advice = `run \`aws configure\` (or \`aws configure --profile <name>\` and set [AWS] PROFILE), then delete KEY and SECRET from ${file}`;
  if (!raw.accessKeyId || !raw.secretAccessKey) {
    warnings.push(`${where}: only one of KEY and SECRET is set, so neither is used; ${advice}`);
    return fallback;
  }
  const better = findBetterCredentialSource(profile, { env: options.env ?? process.env, homeDir: options.homeDir ?? homedir() });
  if (better) {
    warnings.push(`${where}: access keys are stored in the file but ignored, because ${better} provides credentials; delete KEY and SECRET from ${file}`);
    return fallback;
  }
  // The local target signs with fixed emulator credentials: keys in the file are only a risk there.
  if (target === 'local') warnings.push(`${where}: access keys are stored in the file; the local target does not use them (the aws target would, as no other credentials were found); ${advice}`);
  else warnings.push(`${where}: access keys are stored in the file and used because no other credentials were found; ${advice}`);
  return 'config-file';
}

function configErrorFromIssues(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code: string; input?: unknown }>,
  raw: RawFields,
  layout: ConfigLayout,
  file: string,
): ConfigError {
  const seen = new Set<FieldName>();
  const problems: Array<{ location: { file: string; section: string; key: string }; text: string }> = [];
  for (const issue of issues) {
    const field = issue.path[0] as FieldName;
    if (seen.has(field)) continue; // one message per key: the first says what to fix
    seen.add(field);
    const given = raw[field];
    const source = given?.source ?? preferredKey(field, layout);
    const location = { file, section: source.section, key: source.key };
    const text = given ? `${issue.message}, got "${given.written ?? given.value}"` : `missing; expected ${EXPECTED[field]}`;
    problems.push({ location, text });
  }
  const [first, ...rest] = problems;
  const error = new ConfigError(first.location, first.text);
  if (rest.length > 0) {
    error.message = [error.message, ...rest.map((p) => `${describeLocation(p.location)}: ${p.text}`)].join('\n');
  }
  return error;
}

/** The distinct bucket names the [S3] URIs point at (the IAM policy is scoped to them). */
export function configuredBuckets(config: Pick<SparkifyConfig, 's3'>): string[] {
  const uris = [config.s3.logData, config.s3.logJsonPath, config.s3.songData];
  const buckets = uris.map((uri) => /^s3:\/\/([^/]+)/.exec(uri)?.[1]).filter((b): b is string => !!b);
  return [...new Set(buckets)];
}
