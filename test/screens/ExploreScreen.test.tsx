import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ExploreScreen, type ExploreScreenProps } from '../../src/screens/ExploreScreen.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, rerenderAt, type, waitForFrame, widestLine } from '../helpers/ink.js';
import { workProps } from '../helpers/screen-props.js';

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
    let frame = await waitForFrame(ink, 'Most played songs (1/2)');
    expect(frame).toMatch(/You're The One — Dwight Yoakam ▇+ 37/);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    await press(ink, KEYS.right);
    frame = await waitForFrame(ink, 'Plays by level (2/2)');
    expect(frame).toMatch(/paid ▇+ 5,591/);
  });

  it('runs typed SQL from the prompt and shows the rows', async () => {
    const p = props({ query: { running: false, result: { columns: ['level', 'n'], rows: [['paid', 5591]] } } });
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'Most played songs');
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
    await waitForFrame(ink, 'Most played songs');
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
    expect(frame).toContain('enter run SQL  esc back to charts');
  });

  it('shows an analytics failure with retry', async () => {
    const p = props({ phase: 'failed', error: { message: 'relation "songplays" does not exist', hint: 'Run the ETL step first.' } }, []);
    const ink = renderAt(<ExploreScreen {...p} />);
    await waitForFrame(ink, 'Run the ETL step first.');
    await press(ink, 'r');
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('a 24-row result still fits an 80×24 terminal', async () => {
    const hours = { type: 'analytics' as const, name: 'busiest_hours', title: 'Plays per hour of day (UTC)', columns: ['hour', 'plays'], rows: Array.from({ length: 24 }, (_, h) => [h, 100 + h * 7]) };
    const ink = renderAt(<ExploreScreen {...props({}, [hours])} />);
    const frame = await waitForFrame(ink, '… 12 more rows');
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });
});
