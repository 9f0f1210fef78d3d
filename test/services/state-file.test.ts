import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/services/errors.js';
import { clearState, readState, recordStepResult, stateFilePath, updateState, writeState } from '../../src/services/state-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sparkify-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
  it('starts empty when there is no file (or folder) yet', async () => {
    expect(await readState(join(dir, 'not-yet'))).toEqual({ version: 1 });
  });

  it('round-trips what the tool created, in <STATE_DIR>/sparkify-state.json', async () => {
    const stateDir = join(dir, '.sparkify');
    await writeState(stateDir, {
      version: 1,
      target: 'local',
      role: { name: 'sparkify-s3', arn: 'arn:aws:iam::123456789012:role/sparkify-s3', createdAt: '2024-01-01T00:00:00.000Z' },
      cluster: { identifier: 'sparkify-dwh', createdAt: '2024-01-01T00:01:00.000Z' },
      tables: { names: ['staging_events', 'songplays'], createdAt: '2024-01-01T00:05:00.000Z' },
    });
    expect(stateFilePath(stateDir)).toBe(join(stateDir, 'sparkify-state.json'));
    const state = await readState(stateDir);
    expect(state.cluster?.identifier).toBe('sparkify-dwh');
    expect(state.tables?.names).toEqual(['staging_events', 'songplays']);
    expect(state.updatedAt).toMatch(/^\d{4}-/);
    expect(readdirSync(stateDir)).toEqual(['sparkify-state.json']); // no temp files left behind
  });

  it('serialises concurrent updates so none is lost', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => recordStepResult(dir, `insert:t${i}`, { ok: true, rows: i, elapsedMs: 5 })),
    );
    const state = await readState(dir);
    expect(Object.keys(state.etl ?? {}).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `insert:t${i}`).sort());
    expect(state.etl?.['insert:t3']).toMatchObject({ ok: true, rows: 3 });
  });

  it('lets an update return a new state or mutate the given one', async () => {
    await updateState(dir, (s) => ({ ...s, target: 'aws' }));
    await updateState(dir, (s) => {
      s.region = 'us-west-2';
    });
    expect(await readState(dir)).toMatchObject({ target: 'aws', region: 'us-west-2' });
    await clearState(dir);
    expect(await readState(dir)).toEqual({ version: 1 });
  });

  it('names the file and the fix when it is not JSON', async () => {
    writeFileSync(stateFilePath(dir), '{"version": 1, "cluster": ');
    const attempt = readState(dir);
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(`The state file ${stateFilePath(dir)} is unreadable (not valid JSON`);
    await attempt.catch((err: UserError) => expect(err.hint).toMatch(/delete the file/));
  });

  it('names the bad field when the JSON has the wrong shape', async () => {
    writeFileSync(stateFilePath(dir), JSON.stringify({ version: 1, cluster: { identifier: 42 } }));
    await expect(readState(dir)).rejects.toThrow(`The state file ${stateFilePath(dir)} is unreadable (cluster.identifier:`);
  });

  it('does not replace a corrupt file on update', async () => {
    writeFileSync(stateFilePath(dir), 'garbage');
    await expect(recordStepResult(dir, 'copy', { ok: true })).rejects.toBeInstanceOf(UserError);
    expect(readFileSync(stateFilePath(dir), 'utf8')).toBe('garbage');
  });
});
