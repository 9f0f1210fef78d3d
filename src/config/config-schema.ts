// The zod schema for the values of dwh.cfg. Every value arrives as text (INI has no types); each
// message is an "expected …" phrase that the loader prefixes with file, section and key.
import { z } from 'zod';
import { NODE_TYPES, findNodeType, isValidPortFor, portRangeText } from './node-types.js';
import type { FieldName } from './config-sources.js';

const NODE_TYPE_NAMES = NODE_TYPES.map((t) => t.name) as [string, ...string[]];

/** What each field must look like, also used for "missing" messages. */
export const EXPECTED: Record<FieldName, string> = {
  target: 'local or aws',
  region: 'an AWS region such as us-west-2',
  profile: 'an AWS profile name',
  accessKeyId: 'an AWS access key id',
  secretAccessKey: 'an AWS secret access key',
  clusterIdentifier: 'a cluster identifier: 1–63 letters, digits or hyphens, starting with a letter, without "--" or a trailing hyphen',
  clusterType: 'single-node or multi-node',
  numNodes: 'a positive integer',
  nodeType: `one of ${NODE_TYPE_NAMES.join(', ')}`,
  dbName: 'a database name: 1–64 letters, digits, _ or $, starting with a letter or _',
  dbUser: 'a user name: 1–128 letters, digits or _+.@-, starting with a letter, not "public"',
  dbPassword: 'a password',
  dbPort: 'a port number',
  iamRoleName: 'an IAM role name: 1–64 letters, digits or +=,.@_-',
  logData: 'an s3:// URI such as s3://udacity-dend/log_data',
  logJsonPath: 'an s3:// URI of a JSONPaths file such as s3://udacity-dend/log_json_path.json, or auto',
  songData: 'an s3:// URI such as s3://udacity-dend/song_data',
  s3Region: 'an AWS region such as us-west-2',
  s3Root: 'a folder path',
  stateDir: 'a folder path',
  clusterCreateSeconds: 'a number of seconds ≥ 0',
  serviceIdleMinutes: 'a number of minutes > 0',
  clusterSubnetGroup: 'a cluster subnet group name: letters, digits and hyphens, at most 255',
  vpcSecurityGroupIds: 'security group ids separated by commas, such as sg-0123456789abcdef0',
  deployment: 'provisioned or serverless',
  namespaceName: 'a Redshift Serverless namespace name: 3–64 lower-case letters, digits or hyphens',
  workgroupName: 'a Redshift Serverless workgroup name: 3–64 lower-case letters, digits or hyphens',
  baseCapacity: 'a base capacity in RPUs: a multiple of 8 from 8 to 512',
  maxCapacity: 'a maximum capacity in RPUs: a multiple of 8 up to 5632, at least the base capacity',
};

const expected = (field: FieldName) => ({ error: `expected ${EXPECTED[field]}` });

const lower = (s: string) => s.toLowerCase();
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const BUCKET = '[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]';
const S3_PREFIX = new RegExp(`^s3://${BUCKET}(/.*)?$`);
const S3_OBJECT = new RegExp(`^s3://${BUCKET}/.+$`);

// `z.string()` fails on undefined (a missing key) with an invalid_type issue; the loader words that
// as "missing", so only format errors need messages here.
export const ConfigValuesSchema = z
  .object({
    target: z.string().transform(lower).pipe(z.enum(['local', 'aws'], expected('target'))),
    region: z.string().regex(REGION, expected('region')),
    profile: z.string().optional(),
    clusterIdentifier: z
      .string()
      .regex(/^(?!.*--)[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, expected('clusterIdentifier'))
      .transform(lower), // Redshift stores identifiers in lower case
    clusterType: z.string().transform(lower).pipe(z.enum(['single-node', 'multi-node'], expected('clusterType'))),
    numNodes: z.string().regex(/^0*[1-9]\d{0,5}$/, expected('numNodes')).transform(Number),
    nodeType: z.string().transform(lower).pipe(z.enum(NODE_TYPE_NAMES, expected('nodeType'))),
    dbName: z.string().regex(/^[a-z_][a-z0-9_$]{0,63}$/i, expected('dbName')).transform(lower),
    dbUser: z
      .string()
      .regex(/^[a-z][a-z0-9_+.@-]{0,127}$/i, expected('dbUser'))
      .refine((s) => s.toLowerCase() !== 'public', expected('dbUser'))
      .transform(lower),
    dbPort: z.string().regex(/^\d{1,5}$/, expected('dbPort')).transform(Number),
    iamRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, expected('iamRoleName')),
    logData: z.string().regex(S3_PREFIX, expected('logData')),
    logJsonPath: z.string().refine((s) => S3_OBJECT.test(s) || /^auto( ignorecase)?$/i.test(s), expected('logJsonPath')),
    songData: z.string().regex(S3_PREFIX, expected('songData')),
    // Optional: without it the bucket's own region is looked up (HeadBucket), never assumed.
    s3Region: z.string().regex(REGION, expected('s3Region')).optional(),
    clusterSubnetGroup: z.string().regex(/^[a-z0-9-]{1,255}$/i, expected('clusterSubnetGroup')).transform(lower).optional(),
    vpcSecurityGroupIds: z
      .string()
      .regex(/^\s*sg-[0-9a-f]+(\s*,\s*sg-[0-9a-f]+)*\s*$/, expected('vpcSecurityGroupIds'))
      .transform((s) => s.split(',').map((id) => id.trim()))
      .optional(),
    deployment: z.string().transform(lower).pipe(z.enum(['provisioned', 'serverless'], expected('deployment'))),
    namespaceName: z.string().regex(/^[a-z0-9-]{3,64}$/, expected('namespaceName')),
    workgroupName: z.string().regex(/^[a-z0-9-]{3,64}$/, expected('workgroupName')),
    baseCapacity: z
      .string()
      .regex(/^\d{1,3}$/, expected('baseCapacity'))
      .transform(Number)
      .refine((n) => n >= 8 && n <= 512 && n % 8 === 0, expected('baseCapacity')),
    maxCapacity: z
      .string()
      .regex(/^\d{1,4}$/, expected('maxCapacity'))
      .transform(Number)
      .refine((n) => n >= 8 && n <= 5632 && n % 8 === 0, expected('maxCapacity'))
      .optional(),
    s3Root: z.string().min(1, expected('s3Root')),
    stateDir: z.string().min(1, expected('stateDir')),
    clusterCreateSeconds: z
      .string()
      .regex(/^\d+(\.\d+)?$/, expected('clusterCreateSeconds'))
      .transform(Number)
      .optional(),
    serviceIdleMinutes: z
      .string()
      .regex(/^\d+(\.\d+)?$/, expected('serviceIdleMinutes'))
      .transform(Number)
      .refine((n) => n > 0, expected('serviceIdleMinutes'))
      .optional(),
  })
  .superRefine((v, ctx) => {
    // Checks that need two fields; each names the key the operator should change.
    if (v.maxCapacity !== undefined && v.maxCapacity < v.baseCapacity) {
      ctx.addIssue({ code: 'custom', path: ['maxCapacity'], message: `expected at least the base capacity (${v.baseCapacity} RPUs)` });
    }
    const type = findNodeType(v.nodeType);
    if (!type) return;
    if (v.clusterType === 'single-node' && !type.singleNode) {
      ctx.addIssue({ code: 'custom', path: ['clusterType'], message: `expected multi-node (${type.name} has no single-node option)` });
    } else if (v.clusterType === 'single-node' && v.numNodes !== 1) {
      ctx.addIssue({ code: 'custom', path: ['numNodes'], message: 'expected 1 for a single-node cluster (or set the cluster type to multi-node)' });
    } else if (v.clusterType === 'multi-node' && v.numNodes < type.minNodes) {
      ctx.addIssue({ code: 'custom', path: ['numNodes'], message: `expected at least ${type.minNodes} for a multi-node cluster` });
    } else if (v.numNodes > type.maxNodes) {
      ctx.addIssue({ code: 'custom', path: ['numNodes'], message: `expected at most ${type.maxNodes} nodes for ${type.name}` });
    }
    if (!isValidPortFor(type.name, v.dbPort)) {
      ctx.addIssue({ code: 'custom', path: ['dbPort'], message: `expected a port in ${portRangeText(type.name)}` });
    }
  });

export type ConfigValues = z.output<typeof ConfigValuesSchema>;
export type ConfigInput = Partial<Record<FieldName, string>>;
