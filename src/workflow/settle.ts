// Concurrent statements of one step (the quality checks, the analytics): the first failure stops
// its siblings, and the step ends only when every sibling has, so nothing is still running when
// the caller moves on (or closes the emulator). Promise.all would reject while siblings still run.
// allInOrder is the same wait for independent work that need not stop its siblings.
import { setMaxListeners } from 'node:events';
import { MAX_CONCURRENT_WAITS } from './events.js';

/** Marks a sibling stopped because another job failed, so the first real error is the one reported. */
export const SIBLING_FAILED = new Error('stopped: a sibling statement failed');

export async function allOrFirstError<T>(jobs: ReadonlyArray<(signal: AbortSignal) => Promise<T>>, signal?: AbortSignal): Promise<T[]> {
  const stop = new AbortController();
  const jobSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  // Every job polls on this one signal (12 quality checks at once); Node warns above 10 listeners.
  setMaxListeners(MAX_CONCURRENT_WAITS, jobSignal);
  let first: { error: unknown } | undefined;
  const results = await Promise.allSettled(
    jobs.map((job) =>
      job(jobSignal).catch((err: unknown) => {
        if (!first && err !== SIBLING_FAILED) {
          first = { error: err };
          stop.abort(SIBLING_FAILED);
        }
        throw err;
      }),
    ),
  );
  if (first) throw first.error;
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/**
 * Independent work run at once, like Promise.all, but it ends only when all of it has (nothing still
 * running when the caller closes up) and a failure is reported as if the work had run in list order.
 */
export async function allInOrder<T extends readonly unknown[]>(work: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
