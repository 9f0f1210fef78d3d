import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ClusterScreen } from '../../src/screens/ClusterScreen.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, waitForFrame } from '../helpers/ink.js';
import { NOW, workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

describe('ClusterScreen', () => {
  it('warns that billing starts before creating', async () => {
    const p = workProps();
    const ink = renderAt(<ClusterScreen {...p} />);
    const frame = await waitForFrame(ink, 'Will create cluster sparkify-dwh: 2 × ra3.large');
    expect(frame).toContain('Billing starts once it is created: est. $1.09/h (estimate)');
    expect(frame).toContain('create (billing starts)');
    await press(ink, KEYS.enter);
    expect(p.onRun).toHaveBeenCalledOnce();
  });

  it('on the local target says it costs nothing and what it would cost on AWS', async () => {
    const ink = renderAt(<ClusterScreen {...workProps({ plan: { ...fx.plan, target: 'local', costPerHourUsd: 0 } })} />);
    const frame = await waitForFrame(ink, 'No charge');
    expect(frame).toContain('on AWS: est. $1.09/h');
    expect(frame).not.toContain('Billing starts');
    expect(frame).not.toContain('billing starts');
  });

  it('while creating: live status, elapsed time and the running cost', async () => {
    const props = workProps({ phase: 'running', startedAt: NOW - 95_000 }, fx.clusterCreating);
    const ink = renderAt(<ClusterScreen {...props} clusterSince={NOW - 30 * 60_000} />);
    const frame = await waitForFrame(ink, 'sparkify-dwh creating  1m35s');
    expect(frame).toContain('est. $1.09/h · ~$0.54 so far (30m00s)');
  });

  it('when available: the history and the endpoint', async () => {
    const props = workProps({ phase: 'done' }, [...fx.clusterCreating, ...fx.clusterAvailable]);
    const ink = renderAt(<ClusterScreen {...props} clusterSince={NOW} />);
    const frame = await waitForFrame(ink, 'Endpoint sparkify-dwh.abc.us-west-2.redshift.amazonaws.com');
    expect(frame).toContain('creating 0s → available 3m12s');
  });

  it('shows a quota error with its hint', async () => {
    const props = workProps({ phase: 'failed', error: { message: 'the account has reached its Redshift node quota', hint: 'Delete an unused cluster.' } });
    const ink = renderAt(<ClusterScreen {...props} />);
    const frame = await waitForFrame(ink, 'node quota');
    expect(frame).toContain('r retry  s skip  q quit');
  });

  it('resumed: reuses a cluster that is still creating', async () => {
    const detected = { ...fx.loadedDetected, cluster: { ...fx.loadedDetected.cluster!, status: 'creating' } };
    const ink = renderAt(<ClusterScreen {...workProps({ detected })} />);
    await waitForFrame(ink, 'Will reuse cluster sparkify-dwh (creating) and wait until it is available');
  });
});
