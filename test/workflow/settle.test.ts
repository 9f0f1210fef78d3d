// Concurrent statements of one step: the first real failure is reported, and only once every
// sibling has stopped, so nothing runs on after the step (or the emulator) is closed.
import { describe, expect, it } from 'vitest';
import { allOrFirstError, SIBLING_FAILED } from '../../src/workflow/settle.js';

/** A job that ends only when its signal is aborted, then rejects the way a cancelled statement does. */
function untilAborted(log: string[], name: string) {
  return (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => {
        // The cancellation takes a moment to land, as CancelStatement does.
        setImmediate(() => {
          log.push(`${name} stopped`);
          reject(signal.reason === SIBLING_FAILED ? SIBLING_FAILED : new Error(`${name} cancelled`));
        });
      });
    });
}

describe('allOrFirstError', () => {
  it('returns every result in order when all succeed', async () => {
    expect(await allOrFirstError([async () => 1, async () => 2])).toEqual([1, 2]);
  });

  it('stops the siblings, waits for them, and throws the first real error', async () => {
    const log: string[] = [];
    const error = await allOrFirstError([
      untilAborted(log, 'a'),
      async () => {
        await Promise.resolve();
        throw new Error('invalid input syntax for integer');
      },
      untilAborted(log, 'b'),
    ]).catch((e: unknown) => e);
    log.push('returned');
    expect((error as Error).message).toBe('invalid input syntax for integer');
    expect(log).toEqual(['a stopped', 'b stopped', 'returned']);
  });

  it('an outside abort (Ctrl-C) reaches every job and is what is thrown', async () => {
    const log: string[] = [];
    const controller = new AbortController();
    const run = allOrFirstError([untilAborted(log, 'a'), untilAborted(log, 'b')], controller.signal).catch((e: unknown) => e);
    controller.abort(new Error('Interrupted.'));
    expect(((await run) as Error).message).toMatch(/cancelled/);
    expect(log).toEqual(['a stopped', 'b stopped']);
  });
});
