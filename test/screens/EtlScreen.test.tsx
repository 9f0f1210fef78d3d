import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { EtlScreen } from '../../src/screens/EtlScreen.js';
import * as fx from '../helpers/fixtures.js';
import { renderAt, rerenderAt, waitForFrame, widestLine } from '../helpers/ink.js';
import { NOW, workProps } from '../helpers/screen-props.js';
import { StepList } from '../../src/components/StepList.js';
import { reduceEvents } from '../../src/state/progress-reducer.js';
import type { ProgressEvent } from '../../src/workflow/events.js';

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

  const copy = (over: Partial<Extract<ProgressEvent, { type: 'copy.progress' }>>): ProgressEvent => ({
    type: 'copy.progress', table: 'staging_events', source: 's3://udacity-dend/log_data', filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rows: 0, elapsedMs: 0, status: 'running', ...over,
  });

  it('says it is listing the sources until the totals are known, never "0/0 files · ETA …"', async () => {
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'running' }, [copy({ elapsedMs: 300 })])} />);
    const frame = await waitForFrame(ink, 'listing s3://udacity-dend/log_data…');
    expect(frame).not.toContain('0/0 files');
    expect(frame).not.toContain('ETA');
  });

  it('counts the ETA down between updates, says when nothing moved, and shows none at 100%', async () => {
    const events = [copy({ filesTotal: 30, bytesTotal: 3_000_000, elapsedMs: 0 }), copy({ filesDone: 15, filesTotal: 30, bytesDone: 1_500_000, bytesTotal: 3_000_000, rows: 4000, elapsedMs: 2000 })];
    const p = workProps({ phase: 'running', now: NOW }, events);
    const ink = renderAt(<EtlScreen {...p} />);
    await waitForFrame(ink, 'ETA 2.0s');
    rerenderAt(ink, <EtlScreen {...p} now={NOW + 1000} />);
    await waitForFrame(ink, 'ETA 1.0s');
    rerenderAt(ink, <EtlScreen {...p} now={NOW + 5000} />);
    await waitForFrame(ink, 'no progress for 5s');
    const full = reduceEvents([...events, copy({ filesDone: 30, filesTotal: 30, bytesDone: 3_000_000, bytesTotal: 3_000_000, rows: 8056, elapsedMs: 4000 })]);
    rerenderAt(ink, <EtlScreen {...p} progress={full} now={NOW + 5000} />);
    const frame = await waitForFrame(ink, '8,056 rows');
    expect(frame).not.toMatch(/ETA/);
  });

  it('the last screen: total time, every table\'s count, and a measurement with its value', async () => {
    const events = [
      ...fx.copyEvents,
      ...fx.copyDoneEvents,
      { type: 'check' as const, name: 'share of songplays matched to a song (%)', sql: '', expected: '(report)', actual: '0.59', passed: true },
      { type: 'table.counts' as const, counts: { time: 6813, songplays: 6820, staging_events: 8056, staging_songs: 71, users: 96, songs: 71, artists: 69 } },
    ];
    const ink = renderAt(<EtlScreen {...workProps({ phase: 'done', startedAt: NOW - 12_300, finishedAt: NOW }, events)} />);
    const frame = await waitForFrame(ink, 'checks passed');
    expect(frame).toMatch(/Loaded 6,820 songplays in 12s; \d+\/\d+ checks passed\./);
    expect(frame.replace(/\s+/g, ' ')).toContain('Rows: staging_events 8,056 · staging_songs 71 · songplays 6,820 · users 96 · songs 71 · artists 69 · time 6,813');
    expect(frame).toContain('ℹ share of songplays matched to a song (%): 0.59');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('the scrollback writes counts one way: "8,056 rows", like the live area', async () => {
    const ink = renderAt(<StepList items={reduceEvents(fx.copyDoneEvents).log} width={80} />);
    const frame = await waitForFrame(ink, 'COPY staging_events');
    expect(frame).toContain('8,056 rows');
    expect(frame).not.toContain('8056');
  });
});
