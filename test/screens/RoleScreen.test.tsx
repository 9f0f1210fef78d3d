import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { RoleScreen } from '../../src/screens/RoleScreen.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, waitForFrame } from '../helpers/ink.js';
import { workProps } from '../helpers/screen-props.js';

afterEach(() => cleanup());

describe('RoleScreen', () => {
  it('says what it will create; enter runs, s skips', async () => {
    const p = workProps();
    const ink = renderAt(<RoleScreen {...p} />);
    await waitForFrame(ink, 'Will create IAM role sparkifyRedshiftRole');
    await press(ink, KEYS.enter, 's');
    expect(p.onRun).toHaveBeenCalledOnce();
    expect(p.onSkip).toHaveBeenCalledOnce();
  });

  it('waits with a spinner', async () => {
    const ink = renderAt(<RoleScreen {...workProps({ phase: 'running' }, fx.roleEvents.slice(0, 1))} />);
    await waitForFrame(ink, 'Creating role sparkifyRedshiftRole…');
  });

  it('shows the ARN when done; enter goes on', async () => {
    const p = workProps({ phase: 'done' }, fx.roleEvents);
    const ink = renderAt(<RoleScreen {...p} />);
    await waitForFrame(ink, 'ARN arn:aws:iam::123456789012:role/sparkifyRedshiftRole');
    await press(ink, KEYS.enter);
    expect(p.onNext).toHaveBeenCalledOnce();
  });

  it('shows the AWS message and hint; r retries', async () => {
    const p = workProps({ phase: 'failed', error: { message: 'AWS denied access', hint: 'Check the policy attached to your user.' } });
    const ink = renderAt(<RoleScreen {...p} />);
    const frame = await waitForFrame(ink, 'AWS denied access');
    expect(frame).toContain('→ Check the policy');
    await press(ink, 'r');
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('resumed: offers to reuse the role it found', async () => {
    const ink = renderAt(<RoleScreen {...workProps({ detected: fx.loadedDetected })} />);
    const frame = await waitForFrame(ink, 'Will reuse IAM role sparkifyRedshiftRole');
    expect(frame).toContain('enter check and reuse');
  });
});
