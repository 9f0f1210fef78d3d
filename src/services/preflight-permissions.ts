// Would the operator be allowed every call the run makes? Asked of IAM itself
// (SimulatePrincipalPolicy on the caller), statement by statement of the policy `sparkify policy`
// prints. Callers who may not simulate get a clear "could not check", never a guess.
import { SimulatePrincipalPolicyCommand, type IAMClient } from '@aws-sdk/client-iam';
import { isAwsError } from './errors.js';
import type { OperatorStatement } from './operator-policy.js';
import { describeError, fail, pass, warn, type PreflightCheck } from './preflight.js';

const TITLE = 'operator permissions';

/** SimulatePrincipalPolicy takes IAM users and roles: an assumed-role session is checked as its role. */
export function simulatablePrincipal(callerArn: string): string | undefined {
  const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn);
  if (assumed) return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  if (/^arn:aws[a-z-]*:iam::\d{12}:(user|role)\//.test(callerArn)) return callerArn;
  return undefined; // root, federated users: IAM cannot simulate them
}

interface Denied {
  action: string;
  resource: string;
  decision: string;
  why: string;
}

export async function checkOperatorPermissions(iam: IAMClient, callerArn: string, statements: OperatorStatement[]): Promise<PreflightCheck> {
  const principal = simulatablePrincipal(callerArn);
  if (!principal) {
    return warn('permissions', TITLE, `could not check: IAM cannot simulate the policy of ${callerArn} (root or a federated user).`, 'Compare your permissions with "sparkify policy" by hand.');
  }
  const denied: Denied[] = [];
  try {
    await Promise.all(
      statements.map(async (statement) => {
        const answer = await iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: principal, ActionNames: statement.Action, ResourceArns: statement.Resource }));
        for (const result of answer.EvaluationResults ?? []) {
          if (result.EvalDecision !== 'allowed') {
            denied.push({ action: result.EvalActionName ?? '?', resource: result.EvalResourceName ?? '*', decision: result.EvalDecision ?? 'implicitDeny', why: statement.why });
          }
        }
      }),
    );
  } catch (err) {
    const reason = isAwsError(err, 'AccessDenied') ? `the operator may not call iam:SimulatePrincipalPolicy (${describeError(err)})` : describeError(err);
    return warn('permissions', TITLE, `could not check: ${reason}.`, 'Allow iam:SimulatePrincipalPolicy on your own user or role (it is in "sparkify policy"), or compare your permissions with "sparkify policy" by hand.');
  }
  if (denied.length === 0) return pass('permissions', TITLE, `${principal} is allowed every call the run makes (${statements.reduce((n, s) => n + s.Action.length, 0)} actions simulated by IAM).`);
  const lines = denied.map((d) => `${d.action} on ${d.resource} (${d.decision}; for: ${d.why})`);
  const dataApiUser = denied.some((d) => d.action === 'redshift:GetClusterCredentials');
  return fail(
    'permissions',
    TITLE,
    `${principal} would be denied: ${lines.join('; ')}.`,
    `Attach the policy "sparkify policy" prints to ${principal}.${dataApiUser ? ' AmazonRedshiftDataFullAccess alone is not enough: it allows GetClusterCredentials only for the database user redshift_data_api_user, and sparkify runs SQL as [DWH] DB_USER.' : ''}`,
  );
}
