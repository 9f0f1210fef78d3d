// DescribeStatement's long poll (EmulatorDelays.describeHoldMs): while the statement runs, the answer
// waits until it ends, or until the hold is over, and then says the status of that moment.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './data-api-harness.js';

describe('DescribeStatement long poll', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const describeNow = async (id: string) => (await h!.service.handle('DescribeStatement', { Id: id })) as Record<string, any>;

  it('answers the moment the statement ends, long before the hold is over', async () => {
    h = createHarness({ statementStartMs: 300, describeHoldMs: 60_000 });
    const id = await h.start('SELECT 1 AS one');
    const started = Date.now();
    const described = await describeNow(id);
    expect(described.Status).toBe('FINISHED');
    expect(Date.now() - started).toBeLessThan(30_000); // the statement's 300 ms, never the 60 s hold
  });

  it('answers with the running status once the hold is over', async () => {
    h = createHarness({ statementStartMs: 60_000, describeHoldMs: 150 });
    const id = await h.start('SELECT 1 AS one');
    const started = Date.now();
    const described = await describeNow(id);
    expect(described.Status).toBe('SUBMITTED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await h.service.handle('CancelStatement', { Id: id });
  });

  it('answers at once for a statement that has ended, and without a hold', async () => {
    h = createHarness({ describeHoldMs: 0, statementStartMs: 60_000 });
    const id = await h.start('SELECT 1 AS one');
    expect((await describeNow(id)).Status).toBe('SUBMITTED');
    await h.service.handle('CancelStatement', { Id: id });
    expect((await h.wait(id)).Status).toBe('ABORTED');
  });
});
