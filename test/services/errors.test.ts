import { ClusterNotFoundFault, ClusterQuotaExceededFault, UnsupportedOperationFault } from '@aws-sdk/client-redshift';
import { describe, expect, it } from 'vitest';
import { isAwsError, toUserError, UserError } from '../../src/services/errors.js';

function awsError(name: string, message = 'something happened'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('toUserError', () => {
  it('maps SDK fault classes (with their Fault/Exception suffix) to a message and hint', () => {
    const quota = new ClusterQuotaExceededFault({ message: 'The request would exceed the allowed number of clusters', $metadata: {} });
    const error = toUserError(quota, 'Creating cluster sparkify-dwh') as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      'Creating cluster sparkify-dwh failed: the account has reached its Redshift cluster quota (ClusterQuotaExceededFault: The request would exceed the allowed number of clusters)',
    );
    expect(error.hint).toMatch(/quota/);
    expect((error as { cause?: unknown }).cause).toBe(quota);
  });

  it.each([
    ['ExpiredToken', /session token has expired/],
    ['ExpiredTokenException', /session token has expired/],
    ['AccessDenied', /denied access/],
    ['AccessDeniedException', /denied access/],
    ['UnrecognizedClientException', /does not recognise the access key/],
    ['CredentialsProviderError', /no AWS credentials were found/],
    ['InsufficientClusterCapacityFault', /no capacity/],
    ['ClusterNotFoundFault', /does not exist/],
    ['ClusterSnapshotAlreadyExistsFault', /snapshot with this identifier already exists/],
  ])('knows %s', (name, summary) => {
    const error = toUserError(awsError(name), 'Doing it') as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(summary);
    expect(error.hint).toBeTruthy();
  });

  it('gives an AWS error it has no hint for in AWS’s own words, as the operator’s to fix', () => {
    const fault = new UnsupportedOperationFault({ message: 'Resize is not supported for this node type', $metadata: {} });
    const error = toUserError(fault, 'Resizing cluster sparkify-dwh') as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('Resizing cluster sparkify-dwh failed: AWS refused the request (UnsupportedOperationFault: Resize is not supported for this node type)');
    expect(error.hint).toMatch(/AWS’s own/);
  });

  it('passes UserErrors and unknown errors through unchanged', () => {
    const user = new UserError('already clear', 'nothing to add');
    expect(toUserError(user, 'x')).toBe(user);
    const bug = new TypeError('cannot read properties of undefined');
    expect(toUserError(bug, 'x')).toBe(bug);
  });
});

describe('isAwsError', () => {
  it('matches the bare code against SDK class names', () => {
    expect(isAwsError(new ClusterNotFoundFault({ message: 'x', $metadata: {} }), 'ClusterNotFound')).toBe(true);
    expect(isAwsError(awsError('NoSuchEntityException'), 'NoSuchEntity')).toBe(true);
    expect(isAwsError(awsError('NoSuchEntityException'), 'ClusterNotFound')).toBe(false);
    expect(isAwsError(undefined, 'ClusterNotFound')).toBe(false);
  });

  it('still sees the AWS code once toUserError has wrapped it (e.g. expired credentials stop a wait at once)', () => {
    const wrapped = toUserError(awsError('ExpiredTokenException'), 'Looking up cluster sparkify-dwh');
    expect(wrapped).toBeInstanceOf(UserError);
    expect(isAwsError(wrapped, 'ExpiredToken')).toBe(true);
    expect(isAwsError(wrapped, 'AccessDenied')).toBe(false);
  });
});
