// AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies: managed policies linked to a role.
import { AwsError } from '../contracts.js';
import { el, list, seq } from '../protocols/xml.js';
import { findRole, paginate, type IamHandler } from './context.js';

// arn:aws:iam::aws:policy/[path/]Name — the emulator has no customer-managed policies, so only
// AWS-managed ones (account `aws`) can be attached; any well-formed name is accepted.
const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/([\x21-\x7E]*\/)?([\w+=,.@-]+)$/;

function parsePolicyArn(arn: string): { account: string; path: string; name: string } {
  const match = POLICY_ARN.exec(arn);
  if (!match) throw new AwsError('InvalidInput', `ARN ${arn} is not valid.`);
  return { account: match[1], path: `/${match[2] ?? ''}`, name: match[3] };
}

export const attachRolePolicy: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const policyArn = params.required('PolicyArn');
  const { account } = parsePolicyArn(policyArn);
  if (account !== 'aws') {
    throw new AwsError('NoSuchEntity', `Policy ${policyArn} does not exist or is not attachable.`, 404);
  }
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    // Attaching an already attached policy is a no-op in IAM.
    if (!role.attachedPolicyArns.includes(policyArn)) role.attachedPolicyArns.push(policyArn);
  });
  return undefined;
};

export const detachRolePolicy: IamHandler = (ctx, params) => {
  const roleName = params.required('RoleName');
  const policyArn = params.required('PolicyArn');
  ctx.state.update((state) => {
    const role = findRole(state, roleName);
    if (!role.attachedPolicyArns.includes(policyArn)) {
      throw new AwsError('NoSuchEntity', `Policy ${policyArn} was not found.`, 404);
    }
    role.attachedPolicyArns = role.attachedPolicyArns.filter((arn) => arn !== policyArn);
  });
  return undefined;
};

export const listAttachedRolePolicies: IamHandler = (ctx, params) => {
  const role = findRole(ctx.state.read(), params.required('RoleName'));
  const pathPrefix = params.string('PathPrefix') ?? '/';
  const attached = role.attachedPolicyArns
    .map((arn) => ({ arn, ...parsePolicyArn(arn) }))
    .filter((policy) => policy.path.startsWith(pathPrefix));
  const { page, isTruncated, marker } = paginate(attached, params);
  return seq(
    list('AttachedPolicies', 'member', page, (policy) => seq(el('PolicyName', policy.name), el('PolicyArn', policy.arn))),
    el('IsTruncated', isTruncated),
    el('Marker', marker),
  );
};
