// CreateCluster's checks, with the error codes Redshift answers for each.
import { AwsError } from '../contracts.js';
import type { Tag } from '../state-store.js';

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

function combination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', message);
}

/** Cluster and snapshot identifiers: lower-case letters, digits, single hyphens; a letter first; ≤ 63 (255 for snapshots). */
export function validateIdentifier(identifier: string, parameter: string, maxLength = 63): void {
  const valid =
    identifier.length >= 1 &&
    identifier.length <= maxLength &&
    /^[a-z][a-z0-9-]*$/.test(identifier) &&
    !identifier.endsWith('-') &&
    !identifier.includes('--');
  if (!valid) {
    throw invalid(
      `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens (at most ${maxLength} characters).`,
    );
  }
}

interface NodeTypeLimits {
  singleNode: boolean;
  maxNodes: number;
}

/** The node types Redshift provisions today, whether each can run as a single node, and its node limit. */
export const NODE_TYPES: Record<string, NodeTypeLimits> = {
  'ra3.large': { singleNode: true, maxNodes: 16 },
  'ra3.xlplus': { singleNode: true, maxNodes: 32 },
  'ra3.4xlarge': { singleNode: false, maxNodes: 64 },
  'ra3.16xlarge': { singleNode: false, maxNodes: 128 },
  'dc2.large': { singleNode: true, maxNodes: 32 },
  'dc2.8xlarge': { singleNode: false, maxNodes: 128 },
};

/** Resolves ClusterType and NumberOfNodes the way Redshift does and checks them against the node type. */
export function resolveNodeCount(nodeType: string, clusterType: string | undefined, numberOfNodes: number | undefined): number {
  const limits = NODE_TYPES[nodeType];
  if (!limits) throw invalid(`Invalid node type: ${nodeType}`);
  if (clusterType !== undefined && clusterType !== 'single-node' && clusterType !== 'multi-node') {
    throw invalid(`Invalid cluster type: ${clusterType}. Valid values are single-node and multi-node.`);
  }
  const type = clusterType ?? (numberOfNodes !== undefined && numberOfNodes > 1 ? 'multi-node' : 'single-node');
  if (type === 'single-node') {
    if (numberOfNodes !== undefined && numberOfNodes !== 1) {
      throw combination('Number of nodes for cluster type single-node must be 1. Use cluster type multi-node for more nodes.');
    }
    if (!limits.singleNode) throw combination(`Node type ${nodeType} does not support the single-node cluster type.`);
    return 1;
  }
  if (numberOfNodes === undefined || numberOfNodes < 2) {
    throw combination('Number of nodes for cluster type multi-node must be greater than or equal to 2');
  }
  if (numberOfNodes > limits.maxNodes) {
    throw invalid(`Number of nodes for node type ${nodeType} must be between 2 and ${limits.maxNodes}.`);
  }
  return numberOfNodes;
}

// Words Redshift refuses as a user or database name (a selection of its reserved words).
const RESERVED_WORDS = new Set(['all', 'and', 'any', 'as', 'select', 'from', 'where', 'table', 'user', 'public', 'group', 'order', 'null', 'true', 'false', 'default', 'rdsdb']);

export function validateMasterUsername(username: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_+.@$-]{0,127}$/.test(username)) {
    throw invalid('MasterUsername must be 1 to 128 characters, begin with a letter and contain only letters, digits, and _ + . @ $ -.');
  }
  if (RESERVED_WORDS.has(username.toLowerCase())) throw invalid(`MasterUsername cannot be a reserved word: ${username}.`);
}

/** Redshift's password rules: 8–64 printable ASCII characters with an upper-case letter, a lower-case letter and a digit, without ' " \ / @ or spaces. */
export function validateMasterPassword(password: string): void {
  const reason =
    password.length < 8
      ? 'it is shorter than 8 characters'
      : password.length > 64
        ? 'it is longer than 64 characters'
        : !/[A-Z]/.test(password)
          ? 'it does not contain an upper-case letter'
          : !/[a-z]/.test(password)
            ? 'it does not contain a lower-case letter'
            : !/[0-9]/.test(password)
              ? 'it does not contain a digit'
              : /[^\x21-\x7E]|['"\\/@]/.test(password)
                ? "it contains a character that is not allowed (' \" \\ / @ or a space)"
                : undefined;
  if (reason) throw invalid(`The parameter MasterUserPassword is not a valid password because ${reason}.`);
}

export function validateDbName(dbName: string): void {
  if (!/^[a-z_][a-z0-9_$]{0,63}$/.test(dbName)) {
    throw invalid('DBName must be 1 to 64 characters, begin with a lower-case letter or underscore and contain only lower-case letters, digits, _ and $.');
  }
  if (RESERVED_WORDS.has(dbName)) throw invalid(`DBName cannot be a reserved word: ${dbName}.`);
}

export function validatePort(port: number): void {
  if (port < 1150 || port > 65535) throw invalid('The port number is invalid. Specify a port between 1150 and 65535.');
}

/** totalCount: how many tags the resource will have afterwards (tags with existing keys replace them). */
export function validateTags(tags: Tag[], totalCount = tags.length): void {
  for (const tag of tags) {
    if (tag.Key.length < 1 || tag.Key.length > 128) throw new AwsError('InvalidTagFault', `Tag key '${tag.Key}' must be 1 to 128 characters.`);
    if (tag.Value.length > 256) throw new AwsError('InvalidTagFault', `Tag value for key '${tag.Key}' must be at most 256 characters.`);
    if (tag.Key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidTagFault', "Tag keys starting with 'aws:' are reserved.");
  }
  if (totalCount > 50) throw new AwsError('TagLimitExceededFault', 'You have exceeded the number of tags allowed (50).');
}
