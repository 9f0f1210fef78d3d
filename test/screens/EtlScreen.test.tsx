import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { EtlScreen } from '../../src/screens/EtlScreen.js';
import * as fx from '../helpers/fixtures.js';
import { renderAt, waitForFrame, widestLine } from '../helpers/ink.js';
import { workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

describe('EtlScreen', () => {
  it('says what it will load and what to expect', async () => {
    const ink = renderAt(<EtlScreen {...workProps()} />);
    const frame = await waitForFrame(ink, 'Will COPY the S3 sources');
    expect(frame).toContain('Expect: song_data is the course subset');
  });

  it('shows a progress bar per COPY with files, bytes, rows, rate and ETA', async () => {
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'running' }, fx.copyEvents)} />);
    const frame = await waitForFrame(ink, 'staging_events');
    expect(frame).toContain(' 50%');
    expect(frame).toContain('15/30 files · 1.4MB/2.9MB · 4,000 rows · 732KB/s · ETA 2.0s');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('when done: the checks as a pass/fail list and a summary; finished rows live in the log', async () => {
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'done' }, [...fx.copyEvents, ...fx.copyDoneEvents])} />);
    const frame = await waitForFrame(ink, '3/3 checks passed');
    expect(frame).toContain('✔ songplays has unique songplay_id');
    expect(frame).not.toContain('15/30 files');
  });

  it('shows a failed check with expected and actual', async () => {
    const events = [...fx.copyEvents, { type: 'check' as const, name: 'users has unique user_id', sql: '', expected: '0', actual: '3', passed: false }];
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'running' }, events)} />);
    await waitForFrame(ink, '✖ users has unique user_id (3≠0)');
  });

  it('shows load errors as a table with the COPY error and hint', async () => {
    const events = [
      ...fx.copyEvents,
      { ...fx.copyEvents[2], status: 'failed' as const } as (typeof fx.copyEvents)[number],
      {
        type: 'load.errors' as const,
        table: 'staging_events',
        errors: [{ filename: 's3://udacity-dend/log_data/2018/11/2018-11-01-events.json', line: 7, column: 'ts', reason: 'Invalid digit, Value "x", Pos 0, Type: Long' }],
      },
    ];
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'failed', error: { message: 'COPY staging_events failed: 1 load error', hint: 'Fix the records listed above.' } }, events)} />);
    const frame = await waitForFrame(ink, 'Load errors');
    expect(frame).toMatch(/table\s+file\s+line\s+column\s+reason/);
    expect(frame).toContain('Invalid digit');
    expect(frame).toContain('→ Fix the records listed above.');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });
});
