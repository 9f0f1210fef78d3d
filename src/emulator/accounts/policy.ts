// A small IAM policy evaluator for the emulated operator: explicit Deny wins, then any Allow,
// otherwise the implicit deny. Actions and resources match with IAM's `*` and `?` wildcards
// (case-insensitive for actions, as IAM is). Conditions are not evaluated: a statement with one
// is skipped, so a conditional Allow never grants more than AWS would.
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, unknown>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export type PolicyDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** IAM's glob: `*` any run of characters, `?` one character, everything else literal. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

function statementApplies(statement: PolicyStatement, action: string, resource: string): boolean {
  if (statement.Condition !== undefined) return false;
  const actionMatches = statement.NotAction !== undefined
    ? !asList(statement.NotAction).some((pattern) => wildcardMatch(pattern, action, true))
    : asList(statement.Action).some((pattern) => wildcardMatch(pattern, action, true));
  if (!actionMatches) return false;
  const resources = statement.Resource === undefined ? ['*'] : asList(statement.Resource);
  return resources.some((pattern) => wildcardMatch(pattern, resource));
}

export function evaluatePolicy(policy: PolicyDocument | undefined, action: string, resource: string): PolicyDecision {
  // No policy at all stands for the friendly account: an administrator.
  if (!policy) return 'allowed';
  let allowed = false;
  for (const statement of policy.Statement) {
    if (!statementApplies(statement, action, resource)) continue;
    if (statement.Effect === 'Deny') return 'explicitDeny';
    allowed = true;
  }
  return allowed ? 'allowed' : 'implicitDeny';
}
