import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { asBarData, BarChart } from '../../src/components/BarChart.js';
import { columnWidths, DataTable } from '../../src/components/DataTable.js';
import { formatBytes, formatClock, formatDuration, groupCountsIn, truncate } from '../../src/components/format.js';
import { KeyHints, phaseHints } from '../../src/components/KeyHints.js';
import { colorEnabled, tone } from '../../src/components/theme.js';
import { renderAt, waitForFrame, widestLine } from '../helpers/ink.js';

afterEach(() => cleanup());

describe('DataTable', () => {
  it('fits 80 columns and truncates long cells with an ellipsis', async () => {
    const long = 'x'.repeat(200);
    const ink = renderAt(<DataTable columns={['id', 'reason', 'file']} rows={[[1, long, 's3://bucket/' + long]]} width={80} />);
    const frame = await waitForFrame(ink, 'reason');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame).toContain('…');
  });

  it('counts rows it does not show and writes NULL', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => [i, i % 2 ? null : 'v']);
    const ink = renderAt(<DataTable columns={['n', 'v']} rows={rows} width={80} maxRows={5} />);
    const frame = await waitForFrame(ink, '… 7 more rows');
    expect(frame).toContain('NULL');
  });

  it('shares width by content', () => {
    expect(columnWidths(['a', 'b'], [['xx', 'yyyy']], 80)).toEqual([2, 4]);
    expect(columnWidths(['a', 'b'], [['x'.repeat(50), 'y'.repeat(50)]], 40).reduce((a, b) => a + b) + 2).toBeLessThanOrEqual(40);
  });
});

describe('BarChart', () => {
  it('scales bars to the largest value within the width', async () => {
    const ink = renderAt(<BarChart data={[{ label: 'paid', value: 100 }, { label: 'free', value: 50 }]} width={40} />);
    const frame = await waitForFrame(ink, 'paid');
    const [paid, free] = frame.split('\n');
    expect(paid.split('▇').length - 1).toBe(2 * (free.split('▇').length - 1));
    expect(widestLine(frame)).toBeLessThanOrEqual(40);
  });

  it('draws the first numeric column after the label as the bar, and later numbers as notes', () => {
    expect(asBarData(['song', 'artist', 'plays'], [['a', 'b', 3]])).toEqual({ measure: 'plays', bars: [{ label: 'a — b', value: 3, note: undefined }] });
    expect(asBarData(['hour', 'plays'], [[0, 12]])).toEqual({ measure: 'plays', bars: [{ label: '0', value: 12, note: undefined }] });
    // paid_vs_free: the bar is plays (the number it is labelled with), users is a note.
    expect(asBarData(['level', 'plays', 'users'], [['paid', 5591, 22], ['free', 1229, 82]])).toEqual({
      measure: 'plays',
      bars: [
        { label: 'paid', value: 5591, note: '22 users' },
        { label: 'free', value: 1229, note: '82 users' },
      ],
    });
    expect(asBarData(['a', 'b', 'c', 'd', 'e'], [[1, 2, 3, 4, 5]])).toBeUndefined();
    expect(asBarData(['level', 'name'], [['paid', 'x']])).toBeUndefined();
    expect(asBarData(['level', 'plays', 'name'], [['paid', 1, 'x']])).toBeUndefined();
  });

  it('a bar is as long as the value printed beside it', async () => {
    const data = [{ label: 'paid', value: 5591, note: '22 users' }, { label: 'free', value: 1229, note: '82 users' }];
    const ink = renderAt(<BarChart data={data} width={60} />);
    const frame = await waitForFrame(ink, 'paid');
    const [paid, free] = frame.split('\n');
    const cells = (l: string) => l.split('▇').length - 1;
    expect(Math.abs(cells(free) / cells(paid) - 1229 / 5591)).toBeLessThan(0.05);
    expect(widestLine(frame)).toBeLessThanOrEqual(60);
  });

  it('groups the digits of counts written elsewhere, and leaves ids alone', () => {
    expect(groupCountsIn('8056 rows · 1.2s')).toBe('8,056 rows · 1.2s');
    expect(groupCountsIn('created arn:aws:iam::123456789012:role/r on port 5439')).toBe('created arn:aws:iam::123456789012:role/r on port 5439');
    expect(groupCountsIn('found 6820 songplays')).toBe('found 6,820 songplays');
  });
});

describe('KeyHints', () => {
  it('always offers ctrl-c, and the phase keys', async () => {
    const ink = renderAt(<KeyHints hints={phaseHints('failed')} />);
    await waitForFrame(ink, 'r retry  s skip  q quit  ctrl-c exit');
  });
});

describe('formatting and colour', () => {
  it('formats durations, clocks, bytes and truncation', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(4000)).toBe('4.0s');
    expect(formatDuration(192_000)).toBe('3m12s');
    expect(formatDuration(3_780_000)).toBe('1h03m');
    expect(formatClock(999)).toBe('0s');
    expect(formatBytes(1_500_000)).toBe('1.4MB');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });

  it('turns every colour off when NO_COLOR is set', () => {
    expect(colorEnabled({ NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({})).toBe(true);
    const saved = process.env.NO_COLOR;
    process.env.NO_COLOR = '1';
    try {
      expect(tone('red')).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });
});
