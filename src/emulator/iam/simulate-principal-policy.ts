// SimulatePrincipalPolicy: would the principal be allowed these actions on these resources? The
// emulated operator's answer comes from the account profile's policy (an administrator when the
// profile has none); a role of the account has no identity policy the emulator evaluates, so it
// is answered for the operator only.
import { AwsError } from '../contracts.js';
import { el, list, seq } from '../protocols/xml.js';
import type { IamHandler } from './context.js';

export const simulatePrincipalPolicy: IamHandler = (ctx, params) => {
  const source = params.required('PolicySourceArn');
  if (ctx.callerArn !== undefined && source !== ctx.callerArn) {
    throw new AwsError('NoSuchEntity', `The user or role ${source} cannot be found.`, 404);
  }
  const actions = params.strings('ActionNames');
  if (actions.length === 0) throw new AwsError('ValidationError', 'The request must contain the parameter ActionNames.');
  const resources = params.strings('ResourceArns');
  const pairs = actions.flatMap((action) => (resources.length > 0 ? resources : ['*']).map((resource) => ({ action, resource })));
  return seq(
    list('EvaluationResults', 'member', pairs, ({ action, resource }) =>
      seq(
        el('EvalActionName', action),
        el('EvalResourceName', resource),
        el('EvalDecision', ctx.authorizer?.decide(action, resource) ?? 'allowed'),
        list('MatchedStatements', 'member', [], () => null),
        list('MissingContextValues', 'member', [], () => null),
      ),
    ),
    el('IsTruncated', false),
  );
};
