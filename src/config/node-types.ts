// Redshift provisioned node types the tool offers, with the node ranges AWS allows and an ESTIMATED
// on-demand price. Prices are us-east-1 list prices at the time of writing; real prices vary by
// region and change over time, so every figure derived from them is labelled as an estimate.

export type NodeFamily = 'ra3' | 'dc2';

export interface NodeTypeInfo {
  name: string;
  family: NodeFamily;
  vcpu: number;
  memoryGiB: number;
  /** Estimated on-demand USD per node-hour (us-east-1 list price). */
  estimatedUsdPerNodeHour: number;
  /** Whether a single-node cluster of this type is allowed. */
  singleNode: boolean;
  /** Node range for a multi-node cluster. */
  minNodes: number;
  maxNodes: number;
  /** AWS is retiring DC2; creating new DC2 clusters is discouraged. */
  retiring: boolean;
}

export const NODE_TYPES: readonly NodeTypeInfo[] = [
  { name: 'ra3.large', family: 'ra3', vcpu: 2, memoryGiB: 16, estimatedUsdPerNodeHour: 0.543, singleNode: true, minNodes: 2, maxNodes: 16, retiring: false },
  { name: 'ra3.xlplus', family: 'ra3', vcpu: 4, memoryGiB: 32, estimatedUsdPerNodeHour: 1.086, singleNode: true, minNodes: 2, maxNodes: 16, retiring: false },
  { name: 'ra3.4xlarge', family: 'ra3', vcpu: 12, memoryGiB: 96, estimatedUsdPerNodeHour: 3.26, singleNode: false, minNodes: 2, maxNodes: 32, retiring: false },
  { name: 'ra3.16xlarge', family: 'ra3', vcpu: 48, memoryGiB: 384, estimatedUsdPerNodeHour: 13.04, singleNode: false, minNodes: 2, maxNodes: 128, retiring: false },
  { name: 'dc2.large', family: 'dc2', vcpu: 2, memoryGiB: 15, estimatedUsdPerNodeHour: 0.25, singleNode: true, minNodes: 2, maxNodes: 32, retiring: true },
  { name: 'dc2.8xlarge', family: 'dc2', vcpu: 32, memoryGiB: 244, estimatedUsdPerNodeHour: 4.8, singleNode: false, minNodes: 2, maxNodes: 128, retiring: true },
];

/** The cheapest current-generation type: what a new config gets when it names none. */
export const DEFAULT_NODE_TYPE = 'ra3.large';

export const PRICE_ESTIMATE_NOTE = 'estimate: us-east-1 on-demand list price; your region and discounts may differ';

export function findNodeType(name: string): NodeTypeInfo | undefined {
  return NODE_TYPES.find((t) => t.name === name.toLowerCase());
}

export interface HourlyCostEstimate {
  nodeType: string;
  nodes: number;
  usdPerNodeHour: number;
  usdPerHour: number;
  /** Always true: these are list-price estimates, not a quote. */
  estimate: true;
  note: string;
}

/** Estimated on-demand cost per hour of the configured cluster; undefined for an unknown type. */
export function estimateHourlyCost(config: { dwh: { nodeType: string; numNodes: number } }): HourlyCostEstimate | undefined {
  const type = findNodeType(config.dwh.nodeType);
  if (!type) return undefined;
  const nodes = config.dwh.numNodes;
  return {
    nodeType: type.name,
    nodes,
    usdPerNodeHour: type.estimatedUsdPerNodeHour,
    // Round to cents: more precision would suggest a quote.
    usdPerHour: Math.round(type.estimatedUsdPerNodeHour * nodes * 100) / 100,
    estimate: true,
    note: PRICE_ESTIMATE_NOTE,
  };
}

/** Valid Redshift ports: RA3 clusters accept 5431–5455 and 8191–8215; DC2 any of 1150–65535. */
export function isValidPortFor(nodeType: string, port: number): boolean {
  const family = findNodeType(nodeType)?.family ?? 'ra3';
  if (family === 'ra3') return (port >= 5431 && port <= 5455) || (port >= 8191 && port <= 8215);
  return port >= 1150 && port <= 65535;
}

export function portRangeText(nodeType: string): string {
  const family = findNodeType(nodeType)?.family ?? 'ra3';
  return family === 'ra3' ? '5431–5455 or 8191–8215 (RA3 node types)' : '1150–65535';
}
