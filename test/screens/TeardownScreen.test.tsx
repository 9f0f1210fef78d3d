import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { snapshotIdFor, TeardownScreen, type TeardownScreenProps } from '../../src/screens/TeardownScreen.js';
import type { TeardownPlan } from '../../src/workflow/types.js';
import { KEYS, press, pressUntil, renderAt, type, waitForFrame } from '../helpers/ink.js';
import { NOW, workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

const teardownPlan: TeardownPlan = {
  cluster: { identifier: 'sparkify-dwh', status: 'available' },
  role: { name: 'sparkifyRedshiftRole', arn: 'arn:aws:iam::123456789012:role/sparkifyRedshiftRole' },
  untouched: ['cluster analytics-prod (not tagged)'],
};

const props = (over: Partial<TeardownScreenProps> = {}, events = [] as Parameters<typeof workProps>[1]): TeardownScreenProps => ({
  ...workProps({}, events),
  teardownPlan,
  onConfirm: vi.fn(),
  ...over,
});

describe('TeardownScreen', () => {
  it('lists exactly what the tool created and what it leaves alone', async () => {
    const ink = renderAt(<TeardownScreen {...props()} />);
    const frame = await waitForFrame(ink, 'Type sparkify-dwh to confirm');
    expect(frame).toContain('- cluster sparkify-dwh (available) and its data');
    expect(frame).toContain('- IAM role sparkifyRedshiftRole');
    expect(frame).toContain('Left alone (not tagged by sparkify): cluster analytics-prod');
  });

  it('refuses a wrong identifier, then asks about a final snapshot', async () => {
    const p = props();
    const ink = renderAt(<TeardownScreen {...p} />);
    await waitForFrame(ink, 'Type sparkify-dwh');
    await type(ink, 'sparkify-prod');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, '"sparkify-prod" is not sparkify-dwh; nothing was deleted.');
    for (let i = 0; i < 4; i++) ink.stdin.write(KEYS.backspace);
    await type(ink, 'dwh');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, `Take a final snapshot (${snapshotIdFor('sparkify-dwh', NOW)}) first?`);
    // The y/n question subscribes to keys in an effect after its first frame: press until it answers.
    await pressUntil(ink, 'n', () => vi.mocked(p.onConfirm).mock.calls.length > 0);
    expect(p.onConfirm).toHaveBeenCalledOnce();
    expect(p.onConfirm).toHaveBeenCalledWith({});
  });

  it('esc keeps everything and quits', async () => {
    const p = props();
    const ink = renderAt(<TeardownScreen {...p} />);
    await waitForFrame(ink, 'Type sparkify-dwh');
    await press(ink, KEYS.escape);
    expect(p.onQuit).toHaveBeenCalledOnce();
  });

  it('shows the deletion live, then nothing left', async () => {
    const deleting = [{ type: 'cluster.status' as const, clusterId: 'sparkify-dwh', status: 'deleting', elapsedMs: 5000 }];
    const ink = renderAt(<TeardownScreen {...props({ phase: 'running', startedAt: NOW - 42_000 }, deleting)} />);
    const frame = await waitForFrame(ink, 'Deleting… 42s');
    expect(frame).toContain('cluster sparkify-dwh: deleting');
    ink.rerender(
      <TeardownScreen
        {...props({ phase: 'done' }, [...deleting, { type: 'cluster.status', clusterId: 'sparkify-dwh', status: 'deleted', elapsedMs: 60_000 }, { type: 'role', action: 'deleted', roleName: 'sparkifyRedshiftRole' }])}
      />,
    );
    // rerender drops the 80-column wrapper; the texts are short enough not to matter.
    const done = await waitForFrame(ink, 'Nothing sparkify created is left.');
    expect(done).toContain('✔ cluster sparkify-dwh deleted');
    expect(done).toContain('✔ role sparkifyRedshiftRole deleted');
  });

  it('shows a deletion error with retry', async () => {
    const p = props({ phase: 'failed', error: { message: 'Cluster sparkify-dwh is in state modifying', hint: 'Wait a minute and retry.' } });
    const ink = renderAt(<TeardownScreen {...p} />);
    await waitForFrame(ink, 'Wait a minute and retry.');
    await press(ink, 'r');
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('resumed with nothing left: says so and enter finishes', async () => {
    const p = props({ teardownPlan: { untouched: [] } });
    const ink = renderAt(<TeardownScreen {...p} />);
    await waitForFrame(ink, 'Nothing that sparkify created is left.');
    await press(ink, KEYS.enter);
    expect(p.onNext).toHaveBeenCalledOnce();
  });
});
