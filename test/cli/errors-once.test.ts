// A failure is said once: a COPY that fails on a bad record prints its error one time, without the
// "COPY … failed: COPY … failed" stutter, followed by its hint, in plain output and in --json.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNdjson, runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';

const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('a failed COPY', () => {
  let ws: Workspace;
  beforeAll(() => {
    ws = createWorkspace({ copySample: true });
    appendFileSync(join(ws.s3Root, 'udacity-dend/log_data/2018/11/2018-11-05-events.json'), '{"artist": "broken", \n');
  });
  afterAll(() => ws.remove());

  it('is said once, with its hint, in plain output', async () => {
    const run = await runCli(['run', '--yes'], { cwd: ws.dir });
    expect(run.code, run.stderr).toBe(1);
    expect(count(run.stderr, "Load into table 'staging_events' failed")).toBe(1);
    expect(run.stderr).not.toMatch(/COPY[^\n]*failed:[^\n]*COPY[^\n]*failed/);
    expect(run.stderr).toMatch(/2018-11-05-events\.json/);
    expect(run.stderr).toMatch(/sparkify etl/);
  });

  it('is one error event in --json, ending in a failed result', async () => {
    const run = await runCli(['etl', '--yes', '--json'], { cwd: ws.dir });
    expect(run.code).toBe(1);
    const events = parseNdjson(run.stdout);
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(1);
    expect(String(errors[0].message)).toMatch(/staging_events/);
    expect(events.at(-1)).toMatchObject({ type: 'result', command: 'etl', ok: false, exitCode: 1 });
  });
});
