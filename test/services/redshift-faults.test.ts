// Redshift faults that were described or handled wrongly (issue 12, item 8): LimitExceededFault is
// the KMS grant limit, not IAM's LimitExceeded; DependentService* faults are transient and retried.
import { DependentServiceUnavailableFault, LimitExceededFault } from '@aws-sdk/client-redshift';
import { describe, expect, it } from 'vitest';
import { retryDependentService } from '../../src/services/dependent-service.js';
import { toUserError, type UserError } from '../../src/services/errors.js';
import type { Clock } from '../../src/services/clock.js';
import type { ProgressEvent } from '../../src/workflow/events.js';

const instantClock = (): Clock & { slept: number[] } => {
  const slept: number[] = [];
  return { slept, now: () => 0, sleep: async (ms) => void slept.push(ms) };
};

describe('Redshift faults', () => {
  it("describes Redshift's LimitExceededFault as the KMS key's grant limit, and IAM's LimitExceeded as an IAM limit", () => {
    const kms = toUserError(new LimitExceededFault({ message: 'The encryption key has exceeded its grant limit in AWS KMS.', $metadata: {} }), 'Creating cluster c') as UserError;
    expect(kms.message).toMatch(/KMS key .* grant limit/);
    expect(kms.hint).toMatch(/grants/);
    const iamLimit = Object.assign(new Error('Cannot exceed quota for RolesPerAccount: 1000'), { name: 'LimitExceeded' });
    expect((toUserError(iamLimit, 'Creating role r') as UserError).message).toMatch(/an IAM limit was reached/);
  });

  it('retries DependentServiceUnavailable with backoff and reports each retry', async () => {
    const clock = instantClock();
    const events: ProgressEvent[] = [];
    let calls = 0;
    const result = await retryDependentService(
      async () => {
        calls++;
        if (calls < 3) throw new DependentServiceUnavailableFault({ message: 'KMS is unavailable', $metadata: {} });
        return 'created';
      },
      { emit: (e) => events.push(e), clock },
    );
    expect(result).toBe('created');
    expect(calls).toBe(3);
    expect(clock.slept).toEqual([2000, 4000]);
    expect(events.filter((e) => e.type === 'notice')).toHaveLength(2);
  });

  it('gives up after the last attempt and does not retry other faults', async () => {
    const clock = instantClock();
    let calls = 0;
    const always = () => {
      calls++;
      return Promise.reject(new DependentServiceUnavailableFault({ message: 'down', $metadata: {} }));
    };
    await expect(retryDependentService(always, { emit: () => {}, clock, attempts: 3 })).rejects.toMatchObject({ name: 'DependentServiceUnavailableFault' });
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryDependentService(() => (calls++, Promise.reject(new LimitExceededFault({ message: 'x', $metadata: {} }))), { emit: () => {}, clock })).rejects.toMatchObject({ name: 'LimitExceededFault' });
    expect(calls).toBe(1);
  });
});
