// Every emulated call is checked against the account profile's operator policy before it runs, and
// refused in the calling service's own words: IAM, Redshift and S3 say AccessDenied (403), the Data
// API says AccessDeniedException.
import { AwsError, type RecordedRequest } from '../contracts.js';
import { evaluatePolicy, type PolicyDecision, type PolicyDocument } from './policy.js';
import { requiredPermissions, type ArnContext, type Permission } from './permissions.js';

export interface Authorizer {
  /** Throws the service's access error when the operator's policy does not allow the request. */
  authorize(request: Pick<RecordedRequest, 'service' | 'operation' | 'params'>): void;
  /** The decision for one action on one resource (SimulatePrincipalPolicy answers from this). */
  decide(action: string, resource: string): PolicyDecision;
}

function denialMessage(callerArn: string, denied: Permission, decision: PolicyDecision): string {
  const why = decision === 'explicitDeny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${denied.action} action`;
  return `User: ${callerArn} is not authorized to perform: ${denied.action} on resource: ${denied.resource} ${why}`;
}

export function createAuthorizer(ctx: ArnContext & { callerArn: string; policy?: PolicyDocument }): Authorizer {
  const decide = (action: string, resource: string) => evaluatePolicy(ctx.policy, action, resource);
  return {
    decide,
    authorize(request) {
      if (!ctx.policy) return;
      for (const permission of requiredPermissions(ctx, request)) {
        const decision = decide(permission.action, permission.resource);
        if (decision === 'allowed') continue;
        const message = denialMessage(ctx.callerArn, permission, decision);
        if (request.service === 'redshift-data' || request.service === 'redshift-serverless') throw new AwsError('AccessDeniedException', message, 400);
        throw new AwsError('AccessDenied', message, 403);
      }
    },
  };
}
