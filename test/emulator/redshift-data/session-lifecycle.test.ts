// Data API sessions run one statement at a time, refuse bad keep-alive values, and close with their cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './data-api-harness.js';

describe('Data API session lifecycle', () => {
  let h: Harness;
  const base = { ClusterIdentifier: 'dwh', Database: 'dwh', DbUser: 'dwhuser' };
  beforeAll(() => { h = createHarness(); });
  afterAll(async () => h.close());

  it('refuses a second statement while one runs in the session, then accepts it', async () => {
    const first = (await h.service.handle('ExecuteStatement', { ...base, SessionKeepAliveSeconds: 60, Sql: 'CREATE TEMP TABLE t (n INT)' })) as { Id: string; SessionId: string };
    // Submitted in the same tick: the first statement has not started yet, so the session is busy.
    await expect(h.service.handle('ExecuteStatement', { SessionId: first.SessionId, Sql: 'SELECT 1' }))
      .rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/Session .* is busy running statement/) });
    await h.wait(first.Id);
    const second = (await h.service.handle('ExecuteStatement', { SessionId: first.SessionId, Sql: 'INSERT INTO t VALUES (1)' })) as { Id: string };
    expect((await h.wait(second.Id)).Status).toBe('FINISHED');
  });

  it('validates SessionKeepAliveSeconds and SessionId, and refuses an oversized statement that asked for a session', async () => {
    await expect(h.service.handle('ExecuteStatement', { ...base, SessionKeepAliveSeconds: 90000, Sql: 'SELECT 1' }))
      .rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/sessionKeepAliveSeconds.*between 0 and 86400/) });
    await expect(h.service.handle('ExecuteStatement', { SessionId: 'nope', Sql: 'SELECT 1' }))
      .rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/at 'sessionId' failed to satisfy constraint/) });
    await expect(h.service.handle('ExecuteStatement', { SessionId: '00000000-0000-0000-0000-000000000000', Sql: 'SELECT 1' }))
      .rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/is not available/) });
    await expect(h.service.handle('ExecuteStatement', { ...base, SessionKeepAliveSeconds: 60, Sql: 'x'.repeat(101 * 1024) }))
      .rejects.toMatchObject({ message: expect.stringMatching(/100 KB/) });
  });

  it('closes the sessions of a deleted cluster', async () => {
    const first = (await h.service.handle('ExecuteStatement', { ...base, SessionKeepAliveSeconds: 60, Sql: 'SELECT 1' })) as { Id: string; SessionId: string };
    await h.wait(first.Id);
    await h.service.destroyClusterDatabase('dwh');
    await expect(h.service.handle('ExecuteStatement', { SessionId: first.SessionId, Sql: 'SELECT 1' }))
      .rejects.toMatchObject({ code: 'ValidationException', message: expect.stringMatching(/is not available/) });
  });
});
