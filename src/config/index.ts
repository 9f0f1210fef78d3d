// The config module's public surface.
export { loadConfig, parseConfigText, configuredBuckets } from './dwh-config.js';
export type { SparkifyConfig, LoadedConfig, ConfigSecrets, LoadConfigOptions, TargetName, ClusterType, ConfigLayout, Deployment, ServerlessConfig } from './dwh-config.js';
export { ConfigError } from './config-error.js';
export { NODE_TYPES, DEFAULT_NODE_TYPE, PRICE_ESTIMATE_NOTE, estimateHourlyCost, findNodeType } from './node-types.js';
export type { NodeTypeInfo, HourlyCostEstimate } from './node-types.js';
