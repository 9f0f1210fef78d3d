import { describe, expect, it } from 'vitest';
import { DEFAULT_NODE_TYPE, estimateHourlyCost, findNodeType, NODE_TYPES } from '../../src/config/node-types.js';

describe('node types', () => {
  it('defaults to an RA3 type and marks DC2 as retiring', () => {
    expect(findNodeType(DEFAULT_NODE_TYPE)?.family).toBe('ra3');
    expect(NODE_TYPES.filter((t) => t.retiring).map((t) => t.name)).toEqual(['dc2.large', 'dc2.8xlarge']);
  });

  it('estimates the hourly cost, labelled as an estimate', () => {
    expect(estimateHourlyCost({ dwh: { nodeType: 'ra3.large', numNodes: 1 } })).toMatchObject({ usdPerNodeHour: 0.543, usdPerHour: 0.54, estimate: true });
    expect(estimateHourlyCost({ dwh: { nodeType: 'ra3.xlplus', numNodes: 2 } })?.usdPerHour).toBe(2.17);
    expect(estimateHourlyCost({ dwh: { nodeType: 'dc2.large', numNodes: 4 } })?.usdPerHour).toBe(1);
    expect(estimateHourlyCost({ dwh: { nodeType: 'ra3.16xlarge', numNodes: 2 } })?.note).toMatch(/estimate/);
    expect(estimateHourlyCost({ dwh: { nodeType: 'nope', numNodes: 2 } })).toBeUndefined();
  });
});
