export { ACCOUNT_PROFILE_NAMES, ACCOUNT_PROFILES, PRIVATE_SUBNET_GROUP, findAccountProfile, type AccountProfile, type AccountProfileName } from './profiles.js';
export { createAuthorizer, type Authorizer } from './authorizer.js';
export { evaluatePolicy, wildcardMatch, type PolicyDecision, type PolicyDocument, type PolicyStatement } from './policy.js';
export { requiredPermissions, clusterCredentialPermissions, type Permission } from './permissions.js';
