import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { TablesScreen } from '../../src/screens/TablesScreen.js';
import * as fx from '../helpers/fixtures.js';
import { renderAt, waitForFrame } from '../helpers/ink.js';
import { workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

describe('TablesScreen', () => {
  it('lists the tables it will drop and create', async () => {
    const ink = renderAt(<TablesScreen {...workProps()} />);
    await waitForFrame(ink, 'Will drop and re-create 7 tables: staging_events');
  });

  it('shows each statement with its state while running', async () => {
    const ink = renderAt(<TablesScreen {...workProps({ phase: 'running' }, fx.tableEvents.slice(0, 5))} />);
    const frame = await waitForFrame(ink, 'DROP TABLE IF EXISTS staging_songs');
    expect(frame).toMatch(/✔ DROP TABLE IF EXISTS staging_events\s+40ms/);
  });

  it('keeps the live area short: older statements fold into a count', async () => {
    const ink = renderAt(<TablesScreen {...workProps({ phase: 'done' }, fx.tableEvents)} />);
    const frame = await waitForFrame(ink, '14 statements done.');
    expect(frame).toContain('… 2 earlier statements done');
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
  });

  it('shows the failing statement and the Redshift error', async () => {
    const events = [
      ...fx.tableEvents.slice(0, 3),
      { type: 'statement' as const, id: 'CREATE TABLE songplays', label: 'CREATE TABLE songplays', status: 'failed' as const, error: 'syntax error at or near "DISTKEY"' },
    ];
    const ink = renderAt(<TablesScreen {...workProps({ phase: 'failed', error: { message: 'syntax error at or near "DISTKEY"', hint: 'Fix sql/create_tables.sql.' } }, events)} />);
    const frame = await waitForFrame(ink, '✖ CREATE TABLE songplays');
    expect(frame).toContain('→ Fix sql/create_tables.sql.');
  });

  it('resumed: warns that existing tables lose their rows', async () => {
    const ink = renderAt(<TablesScreen {...workProps({ detected: fx.loadedDetected })} />);
    await waitForFrame(ink, '7 tables already exist; their rows are lost.');
  });

  it('at 60×20 keeps the title on screen: fewer statements, no blank lines', async () => {
    const ink = renderAt(<TablesScreen {...workProps({ phase: 'done', rows: 20, width: 60 }, fx.tableEvents)} />, 60);
    const frame = await waitForFrame(ink, '14 statements done.');
    expect(frame).toContain('… 6 earlier statements done');
    expect(frame.split('\n')[0]).toBe('4/7 Tables');
    expect(frame.split('\n').length).toBeLessThanOrEqual(15);
  });
});
