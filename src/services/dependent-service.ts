// Redshift answers DependentServiceRequestThrottling / DependentServiceUnavailable when a service it
// relies on (KMS, Secrets Manager, EC2) is throttling or down. They are 400s, so the SDK does not
// retry them; they are transient, so sparkify does, with backoff.
import type { Emit } from '../workflow/events.js';
import { systemClock, type Clock } from './clock.js';
import { isAwsError } from './errors.js';

const TRANSIENT = ['DependentServiceRequestThrottlingFault', 'DependentServiceUnavailableFault'];

export async function retryDependentService<T>(call: () => Promise<T>, opts: { emit: Emit; clock?: Clock; attempts?: number; baseMs?: number }): Promise<T> {
  const { emit, clock = systemClock, attempts = 5, baseMs = 2_000 } = opts;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isAwsError(err, ...TRANSIENT) || attempt >= attempts) throw err;
      const waitMs = baseMs * 2 ** (attempt - 1);
      emit({ type: 'notice', level: 'warn', message: `A service Redshift depends on is busy (${(err as Error).name}); retrying in ${Math.round(waitMs / 1000)} s (attempt ${attempt + 1} of ${attempts}).` });
      await clock.sleep(waitMs);
    }
  }
}
