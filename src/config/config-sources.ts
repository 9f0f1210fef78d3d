// Reads dwh.cfg text into raw string values per field, whichever layout the file uses: ours, the
// course starter (`[CLUSTER] HOST…`, `[IAM_ROLE] ARN`) or the course infrastructure one
// (`[DWH] DWH_…`, `[AWS] KEY/SECRET`). Validation happens later, against the key the value came from.
import { parse } from 'ini';
import { closest } from './spelling.js';

export type ConfigLayout = 'sparkify' | 'starter' | 'infrastructure';

export type FieldName =
  | 'target'
  | 'region'
  | 'profile'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'clusterIdentifier'
  | 'clusterType'
  | 'numNodes'
  | 'nodeType'
  | 'dbName'
  | 'dbUser'
  | 'dbPassword'
  | 'dbPort'
  | 'iamRoleName'
  | 'logData'
  | 'logJsonPath'
  | 'songData'
  | 's3Region'
  | 's3Root'
  | 'stateDir'
  | 'clusterCreateSeconds'
  | 'serviceIdleMinutes'
  | 'clusterSubnetGroup'
  | 'vpcSecurityGroupIds'
  | 'deployment'
  | 'namespaceName'
  | 'workgroupName'
  | 'baseCapacity'
  | 'maxCapacity';

export interface SourceKey {
  section: string;
  key: string;
}

/** Where each field may be written, in order of preference (our layout first). */
const FIELD_KEYS: Record<FieldName, SourceKey[]> = {
  target: [{ section: 'TARGET', key: 'NAME' }],
  region: [{ section: 'AWS', key: 'REGION' }],
  profile: [{ section: 'AWS', key: 'PROFILE' }],
  accessKeyId: [{ section: 'AWS', key: 'KEY' }],
  secretAccessKey: [{ section: 'AWS', key: 'SECRET' }],
  clusterIdentifier: [{ section: 'DWH', key: 'CLUSTER_IDENTIFIER' }, { section: 'DWH', key: 'DWH_CLUSTER_IDENTIFIER' }],
  clusterType: [{ section: 'DWH', key: 'CLUSTER_TYPE' }, { section: 'DWH', key: 'DWH_CLUSTER_TYPE' }],
  numNodes: [{ section: 'DWH', key: 'NUM_NODES' }, { section: 'DWH', key: 'DWH_NUM_NODES' }],
  nodeType: [{ section: 'DWH', key: 'NODE_TYPE' }, { section: 'DWH', key: 'DWH_NODE_TYPE' }],
  dbName: [{ section: 'DWH', key: 'DB_NAME' }, { section: 'DWH', key: 'DWH_DB' }, { section: 'CLUSTER', key: 'DB_NAME' }],
  dbUser: [{ section: 'DWH', key: 'DB_USER' }, { section: 'DWH', key: 'DWH_DB_USER' }, { section: 'CLUSTER', key: 'DB_USER' }],
  dbPassword: [{ section: 'DWH', key: 'DB_PASSWORD' }, { section: 'DWH', key: 'DWH_DB_PASSWORD' }, { section: 'CLUSTER', key: 'DB_PASSWORD' }],
  dbPort: [{ section: 'DWH', key: 'DB_PORT' }, { section: 'DWH', key: 'DWH_PORT' }, { section: 'CLUSTER', key: 'DB_PORT' }],
  iamRoleName: [{ section: 'DWH', key: 'IAM_ROLE_NAME' }, { section: 'DWH', key: 'DWH_IAM_ROLE_NAME' }],
  logData: [{ section: 'S3', key: 'LOG_DATA' }],
  logJsonPath: [{ section: 'S3', key: 'LOG_JSONPATH' }],
  songData: [{ section: 'S3', key: 'SONG_DATA' }],
  s3Region: [{ section: 'S3', key: 'REGION' }],
  s3Root: [{ section: 'LOCAL', key: 'S3_ROOT' }],
  stateDir: [{ section: 'LOCAL', key: 'STATE_DIR' }],
  clusterCreateSeconds: [{ section: 'LOCAL', key: 'CLUSTER_CREATE_SECONDS' }],
  serviceIdleMinutes: [{ section: 'LOCAL', key: 'SERVICE_IDLE_MINUTES' }],
  clusterSubnetGroup: [{ section: 'DWH', key: 'CLUSTER_SUBNET_GROUP' }],
  vpcSecurityGroupIds: [{ section: 'DWH', key: 'VPC_SECURITY_GROUP_IDS' }],
  // Redshift Serverless (issue 16); the course layouts have no such keys, so [DWH] is their place too.
  deployment: [{ section: 'DWH', key: 'DEPLOYMENT' }, { section: 'DWH', key: 'DWH_DEPLOYMENT' }],
  namespaceName: [{ section: 'DWH', key: 'NAMESPACE_NAME' }, { section: 'DWH', key: 'DWH_NAMESPACE_NAME' }],
  workgroupName: [{ section: 'DWH', key: 'WORKGROUP_NAME' }, { section: 'DWH', key: 'DWH_WORKGROUP_NAME' }],
  baseCapacity: [{ section: 'DWH', key: 'BASE_CAPACITY' }, { section: 'DWH', key: 'DWH_BASE_CAPACITY' }],
  maxCapacity: [{ section: 'DWH', key: 'MAX_CAPACITY' }, { section: 'DWH', key: 'DWH_MAX_CAPACITY' }],
};

/** Keys read by derivation rather than directly (starter layout). */
const DERIVED_KEYS: SourceKey[] = [
  { section: 'CLUSTER', key: 'HOST' },
  { section: 'IAM_ROLE', key: 'ARN' },
];

export type IniSections = Map<string, Map<string, string>>;

/**
 * Parses INI text. Section names and keys are upper-cased (Python's configparser, which the course
 * used, is case-insensitive for keys); surrounding quotes are removed by `ini`; empty values count
 * as absent because the course templates ship keys with `''` placeholders.
 */
export function readIniSections(text: string): IniSections {
  const parsed = parse(text) as Record<string, unknown>;
  const sections: IniSections = new Map();
  for (const [sectionName, body] of Object.entries(parsed)) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) continue;
    const name = sectionName.trim().toUpperCase();
    const values = sections.get(name) ?? new Map<string, string>();
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      // `ini` turns true/false/null into JSON values and `KEY[]` into arrays; we want text.
      const text = Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '');
      const trimmed = text.trim();
      if (trimmed !== '') values.set(key.trim().toUpperCase(), trimmed);
      else values.delete(key.trim().toUpperCase());
    }
    sections.set(name, values);
  }
  return sections;
}

export function detectLayout(sections: IniSections): ConfigLayout {
  if (sections.has('CLUSTER') || sections.has('IAM_ROLE')) return 'starter';
  const dwh = sections.get('DWH');
  if (dwh && [...dwh.keys()].some((k) => k.startsWith('DWH_'))) return 'infrastructure';
  return 'sparkify';
}

export interface RawField {
  value: string;
  source: SourceKey;
  /** The text the user wrote, when the value was derived from another key (e.g. HOST → id). */
  written?: string;
}

export type RawFields = Partial<Record<FieldName, RawField>>;

export function lookup(sections: IniSections, { section, key }: SourceKey): string | undefined {
  return sections.get(section)?.get(key);
}

/** The first present key for each field. */
export function collectRawFields(sections: IniSections): RawFields {
  const raw: RawFields = {};
  for (const [field, keys] of Object.entries(FIELD_KEYS) as Array<[FieldName, SourceKey[]]>) {
    for (const source of keys) {
      const value = lookup(sections, source);
      if (value !== undefined) {
        raw[field] = { value, source };
        break;
      }
    }
  }
  return raw;
}

/** The key to name when a field is missing: the spelling of the layout the file uses. */
export function preferredKey(field: FieldName, layout: ConfigLayout): SourceKey {
  const keys = FIELD_KEYS[field];
  if (layout === 'infrastructure') return keys.find((k) => k.key.startsWith('DWH_')) ?? keys[0];
  if (layout === 'starter') return keys.find((k) => k.section === 'CLUSTER') ?? keys[0];
  return keys[0];
}

export interface UnknownKey extends SourceKey {
  /** The known key (or section) it is probably a misspelling of. */
  suggestion?: string;
}

const knownKeys = () => [...Object.values(FIELD_KEYS).flat(), ...DERIVED_KEYS];

/**
 * Keys in known sections that no field reads, and sections that look like a misspelt known one
 * (key ''): probably typos, worth a warning with the nearest known spelling.
 */
export function unknownKeys(sections: IniSections): UnknownKey[] {
  const all = knownKeys();
  const known = new Set(all.map((k) => `${k.section}\0${k.key}`));
  const knownSections = [...new Set(all.map((k) => k.section))];
  const unknown: UnknownKey[] = [];
  for (const [section, values] of sections) {
    if (!knownSections.includes(section)) {
      // A section of the user's own is left alone; one a typo away from ours is not.
      const suggestion = closest(section, knownSections);
      if (suggestion) unknown.push({ section, key: '', suggestion });
      continue;
    }
    const sectionKeys = all.filter((k) => k.section === section).map((k) => k.key);
    for (const key of values.keys()) {
      if (known.has(`${section}\0${key}`)) continue;
      const suggestion = closest(key, sectionKeys);
      unknown.push({ section, key, ...(suggestion ? { suggestion } : {}) });
    }
  }
  return unknown;
}

/**
 * The first line that is neither a [SECTION], a KEY = VALUE, a comment nor blank: `ini` would read
 * it as a key set to true, so a JSON or YAML file would pass as an empty configuration.
 */
export function firstNonIniLine(text: string): { line: number; text: string } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue;
    if (/^\[[^\]]+\]$/.test(line) || line.includes('=')) continue;
    return { line: i + 1, text: lines[i] };
  }
  return undefined;
}
