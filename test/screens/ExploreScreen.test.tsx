import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ExploreScreen, type ExploreScreenProps } from '../../src/screens/ExploreScreen.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, rerenderAt, type, waitForFrame, widestLine } from '../helpers/ink.js';
import { NOW, workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

const props = (over: Partial<ExploreScreenProps> = {}, events = fx.analyticsEvents): ExploreScreenProps => ({
  ...workProps({ phase: 'done' }, events),
  query: { running: false },
  onQuery: vi.fn(),
  ...over,
});

describe('ExploreScreen', () => {
  it('asks before running the analytics', async () => {
    const p = props({ phase: 'confirm' }, []);
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'Will run the analytics queries');
    await press(ink, KEYS.enter);
    expect(p.onRun).toHaveBeenCalledOnce();
  });

  it('waits while the queries run', async () => {
    const ink = renderAt(<ExploreScreen {...props({ phase: 'running' }, fx.analyticsEvents.slice(0, 1))} />);
    await waitForFrame(ink, 'Running the analytics queries…');
  });

  it('draws results as bar charts, one at a time with ←/→', async () => {
    const ink = renderAt(<ExploreScreen {...props()} />);
    // The queries finish in any order; the charts keep their files' order (paid_vs_free < top_songs).
    let frame = await waitForFrame(ink, 'Plays by level (1/2 · bars: plays)');
    expect(frame).toMatch(/paid ▇+ 5,591/);
    await press(ink, KEYS.right);
    frame = await waitForFrame(ink, 'Most played songs (2/2 · bars: plays)');
    expect(frame).toMatch(/You're The One — Dwight Yoakam ▇+ 37/);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('runs typed SQL from the prompt and shows the rows', async () => {
    const p = props({ query: { running: false, result: { columns: ['level', 'n'], rows: [['paid', 5591]] } } });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'select 1');
    await press(ink, KEYS.enter);
    expect(p.onQuery).toHaveBeenCalledWith('select 1');
    await waitForFrame(ink, 'paid   5,591');
  });

  it('keeps taking keys while a query runs, and runs the next one only once it has ended', async () => {
    const p = props({ query: { running: true, sql: 'select 1' } });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    await waitForFrame(ink, 'Running…');
    await type(ink, 'select 2');
    await waitForFrame(ink, 'select 2');
    await press(ink, KEYS.enter);
    expect(p.onQuery).not.toHaveBeenCalled();
    rerenderAt(ink, <ExploreScreen {...p} query={{ running: false, sql: 'select 1', result: { columns: ['n'], rows: [[1]] } }} />);
    await waitForFrame(ink, /n\s+─+\s+1/);
    await press(ink, KEYS.enter);
    expect(p.onQuery).toHaveBeenCalledWith('select 2');
  });

  it('a failing query shows the Redshift error and keeps the prompt', async () => {
    const p = props({ query: { running: false, sql: 'select x', error: { message: 'column "x" does not exist in songplays' } } });
    const ink = renderAt(<ExploreScreen {...p} />);
    await press(ink, '/');
    const frame = await waitForFrame(ink, 'column "x" does not exist');
    expect(frame).toContain('SQL›');
    expect(frame).toContain('enter run SQL  ↑/↓ history  esc back to charts');
  });

  it('shows an analytics failure with retry', async () => {
    const p = props({ phase: 'failed', error: { message: 'relation "songplays" does not exist', hint: 'Run the ETL step first.' } }, []);
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'Run the ETL step first.');
    await press(ink, 'r');
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('a 24-row result fits an 80×24 terminal and scrolls with ↓ and PgDn/PgUp', async () => {
    const hours = { type: 'analytics' as const, name: 'busiest_hours', title: 'Plays per hour of day (UTC)', columns: ['hour', 'plays'], rows: Array.from({ length: 24 }, (_, h) => [h, 100 + h * 7]) };
    const ink = renderAt(<ExploreScreen {...props({ rows: 24 }, [hours])} />);
    let frame = await waitForFrame(ink, 'rows 1–14 of 24 · ↑/↓ PgUp/PgDn scroll');
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame).toMatch(/^0 +▇+ +100$/m);
    await press(ink, KEYS.down);
    frame = await waitForFrame(ink, 'rows 2–15 of 24');
    expect(frame).not.toMatch(/^0 +▇/m);
    await press(ink, KEYS.pageDown);
    frame = await waitForFrame(ink, 'rows 11–24 of 24');
    expect(frame).toMatch(/^23 +▇+ +261$/m);
    await press(ink, KEYS.pageUp, KEYS.pageUp);
    await waitForFrame(ink, 'rows 1–14 of 24');
  });

  it('uses the room a taller terminal has: 24 rows at 120×40 without scrolling', async () => {
    const hours = { type: 'analytics' as const, name: 'busiest_hours', title: 'Plays per hour of day (UTC)', columns: ['hour', 'plays'], rows: Array.from({ length: 24 }, (_, h) => [h, 100 + h * 7]) };
    const ink = renderAt(<ExploreScreen {...props({ rows: 40, width: 100 }, [hours])} />, 100);
    const frame = await waitForFrame(ink, /^23 +▇+ +261$/m);
    expect(frame).not.toContain('more rows');
    expect(frame).not.toContain('scroll');
  });

  it('does not cut location names when the width has room for them', async () => {
    const places = ['San Francisco-Oakland-Hayward, CA', 'Portland-South Portland, ME', 'Lansing-East Lansing, MI'];
    const top = { type: 'analytics' as const, name: 'top_locations', title: 'Top listening locations', columns: ['location', 'plays'], rows: places.map((p, i) => [p, 900 - i * 100]) };
    const ink = renderAt(<ExploreScreen {...props({}, [top])} />);
    const frame = await waitForFrame(ink, 'Top listening locations');
    for (const place of places) expect(frame).toContain(place);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('draws plays, not users, for "Plays by subscription level", with users as a note', async () => {
    const levels = { type: 'analytics' as const, name: 'paid_vs_free', title: 'Plays by subscription level', columns: ['level', 'plays', 'users'], rows: [['paid', 5591, 22], ['free', 1229, 82]] };
    const ink = renderAt(<ExploreScreen {...props({}, [levels])} />);
    const frame = await waitForFrame(ink, 'bars: plays');
    const paid = frame.split('\n').find((l) => l.startsWith('paid'))!;
    const free = frame.split('\n').find((l) => l.startsWith('free'))!;
    expect(paid).toMatch(/^paid ▇+ +5,591 {2}22 users$/);
    expect(free).toMatch(/^free ▇+ +1,229 {2}82 users$/);
    const bar = (l: string) => l.split('▇').length - 1;
    expect(bar(paid)).toBeGreaterThan(bar(free) * 4);
  });

  it('the prompt: a burst of Backspaces, Ctrl-U, no hidden characters, ↑/↓ history', async () => {
    const p = props({ history: ['select 1 as x', 'select 2 as y'] });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'xyz');
    await waitForFrame(ink, 'SQL› xyz');
    ink.stdin.write('\u007f\u007f\u007f'); // three Backspaces read at once
    await type(ink, 'select 3');
    await waitForFrame(ink, /SQL› select 3 ?$/m);
    await press(ink, '\u0015'); // Ctrl-U
    await type(ink, 'select 4');
    await press(ink, KEYS.enter);
    expect(p.onQuery).toHaveBeenLastCalledWith('select 4');
    await press(ink, KEYS.up);
    await waitForFrame(ink, /SQL› select 2 as y ?$/m);
    await press(ink, KEYS.up);
    await waitForFrame(ink, /SQL› select 1 as x ?$/m);
    await press(ink, KEYS.down, KEYS.down);
    await waitForFrame(ink, /SQL› select 4 ?$/m);
    await press(ink, KEYS.enter);
    expect(p.onQuery).toHaveBeenLastCalledWith('select 4');
  });

  it('a running query shows its elapsed time, and esc cancels it', async () => {
    const p = props({ query: { running: true, sql: 'select 1', startedAt: NOW - 7000 }, onCancelQuery: vi.fn() });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    const frame = await waitForFrame(ink, 'Running… 7s · esc cancels');
    expect(frame).toContain('esc cancel the query');
    await press(ink, KEYS.escape);
    expect(p.onCancelQuery).toHaveBeenCalledOnce();
    expect(frame).toContain('SQL›');
  });

  it('a long query result fills the rows the terminal has and scrolls with PgDn/PgUp (↑/↓ stay history)', async () => {
    const result = { columns: ['n'], rows: Array.from({ length: 40 }, (_, i) => [i + 1]) };
    const p = props({ rows: 24, query: { running: false, sql: 'select n', result } });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    let frame = await waitForFrame(ink, 'rows 1–12 of 40');
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
    await press(ink, KEYS.pageDown);
    frame = await waitForFrame(ink, 'rows 13–24 of 40');
    expect(frame).toMatch(/^24$/m);
    await press(ink, KEYS.pageUp);
    await waitForFrame(ink, 'rows 1–12 of 40');
  });
});
