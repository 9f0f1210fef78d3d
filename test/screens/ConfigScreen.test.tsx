import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ConfigScreen, type ConfigScreenProps } from '../../src/screens/ConfigScreen.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, waitForFrame, widestLine } from '../helpers/ink.js';

afterEach(() => cleanup());

const props = (over: Partial<ConfigScreenProps> = {}): ConfigScreenProps => ({
  phase: 'confirm',
  plan: fx.plan,
  detected: fx.nothingDetected,
  width: 80,
  onContinue: vi.fn(),
  onStartOver: vi.fn(),
  onRetry: vi.fn(),
  onQuit: vi.fn(),
  ...over,
});

describe('ConfigScreen', () => {
  it('shows the plan: target, identity, shape, estimated cost, sources, resources, SQL steps and warnings', async () => {
    const p = props();
    const ink = renderAt(<ConfigScreen {...p} />);
    const frame = await waitForFrame(ink, 'enter go on');
    expect(frame).toContain('AWS · us-west-2 · account 123456789012');
    expect(frame).toContain('sparkify-dwh: 2 × ra3.large (multi-node), db dev as awsuser, port 5439');
    expect(frame).toContain('$1.09/h for 2 × ra3.large (estimate');
    expect(frame).toContain('s3://udacity-dend/song_data (us-west-2)');
    expect(frame).toContain('+ iam-role sparkifyRedshiftRole (create)');
    expect(frame).toContain('+ 7 tables (create)');
    expect(frame).toContain('3. COPY staging_events');
    expect(frame).toContain('⚠ dwh.cfg holds a DB password');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    await press(ink, KEYS.enter);
    expect(p.onContinue).toHaveBeenCalledOnce();
  });

  it('still fits 80×24 with the six warnings a course-layout dwh.cfg can bring', async () => {
    const warnings = Array.from({ length: 6 }, (_, i) => `dwh.cfg [DWH] KEY_${i}: a long explanation of what is wrong with this key and how to move the value out of the file`);
    const ink = renderAt(<ConfigScreen {...props({ plan: { ...fx.plan, warnings } })} />);
    const frame = await waitForFrame(ink, 'enter go on');
    expect(frame).toContain('1/7 Plan & config');
    expect(frame).toContain('KEY_2');
    expect(frame).not.toContain('KEY_3');
    expect(frame).toContain('3 more; `npx sparkify status` prints every warning in full.');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('waits with a spinner while the plan loads and ignores keys', async () => {
    const p = props({ phase: 'running', plan: undefined, detected: undefined });
    const ink = renderAt(<ConfigScreen {...p} />);
    await waitForFrame(ink, 'Reading dwh.cfg');
    await press(ink, KEYS.enter, 'q');
    expect(p.onContinue).not.toHaveBeenCalled();
    expect(p.onQuit).not.toHaveBeenCalled();
  });

  it('shows a config error with its fix, r retries and q quits', async () => {
    const p = props({ phase: 'failed', plan: undefined, error: { message: 'dwh.cfg: [CLUSTER] DB_PASSWORD is empty', hint: 'Set DB_PASSWORD or DWH_DB_PASSWORD.' } });
    const ink = renderAt(<ConfigScreen {...p} />);
    const frame = await waitForFrame(ink, 'DB_PASSWORD is empty');
    expect(frame).toContain('→ Set DB_PASSWORD or DWH_DB_PASSWORD.');
    await press(ink, 'r', 'q');
    expect(p.onRetry).toHaveBeenCalledOnce();
    expect(p.onQuit).toHaveBeenCalledOnce();
  });

  it('a failed credentials check is ✖ on the plan, in full with its fix, and blocks going on until r', async () => {
    const error = 'Checking the AWS credentials failed: no AWS credentials were found (CredentialsProviderError: Could not load credentials from any providers)';
    const hint = 'Run `aws configure` (or `aws sso login`), set AWS_PROFILE, or set [AWS] PROFILE in dwh.cfg. For a local run set [TARGET] NAME = local.';
    const p = props({ plan: { ...fx.plan, warnings: [], identity: { error, hint } }, detectError: 'no AWS credentials were found' });
    const ink = renderAt(<ConfigScreen {...p} />);
    const frame = await waitForFrame(ink, 'r check again');
    const flat = frame.replace(/\s+/g, ' ');
    expect(frame.split('\n')[1]).toMatch(/^1\/7 Plan & config +✖ 1 check failed$/);
    expect(frame).toMatch(/^Check +✖ AWS credentials: Checking the AWS credentials failed/m);
    expect(flat).toContain('Could not load credentials from any providers)');
    expect(flat).toContain('→ Run `aws configure` (or `aws sso login`), set AWS_PROFILE, or set [AWS] PROFILE in dwh.cfg. For a local run set [TARGET] NAME = local.');
    expect(frame).not.toContain('enter go on');
    expect(frame).not.toContain('account 123456789012');
    // Said once: the failed lookup of what exists is the same missing credentials.
    expect(frame).not.toContain('could not check what already exists');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame.split('\n').length).toBeLessThanOrEqual(22);
    await press(ink, KEYS.enter);
    expect(p.onContinue).not.toHaveBeenCalled();
    await press(ink, 'r');
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('a name taken by a resource sparkify did not create is a failed check with its fix', async () => {
    const resources = fx.plan.resources.map((r) => (r.kind === 'cluster' ? { ...r, action: 'exists' as const, detail: 'available' } : r));
    const ink = renderAt(<ConfigScreen {...props({ plan: { ...fx.plan, resources } })} />);
    const frame = await waitForFrame(ink, 'r check again');
    expect(frame).toContain('✖ cluster sparkify-dwh: exists but is not tagged sparkify:managed');
    expect(frame.replace(/\s+/g, ' ')).toContain('→ Choose another name in [DWH] CLUSTER_IDENTIFIER of dwh.cfg, then press r.');
  });

  it('a failed look at what exists is a warning, not a stop', async () => {
    const ink = renderAt(<ConfigScreen {...props({ plan: { ...fx.plan, warnings: [] }, detectError: 'the local target is in use by another process' })} />);
    const frame = await waitForFrame(ink, 'enter go on');
    expect(frame.replace(/\s+/g, ' ')).toContain('⚠ could not check what already exists: the local target is in use by another process');
    expect(frame).toMatch(/^Checks +✔ AWS credentials$/m);
  });

  it('fits 60×20 with the title on screen', async () => {
    const ink = renderAt(<ConfigScreen {...props({ width: 60, rows: 20 })} />, 60);
    const frame = await waitForFrame(ink, 'enter go on');
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    expect(frame).toContain('1/7 Plan & config');
    expect(widestLine(frame)).toBeLessThanOrEqual(60);
  });

  it('offers to resume where a previous run stopped, or f to start over', async () => {
    const p = props({ detected: fx.loadedDetected, resumeTo: 'explore' });
    const ink = renderAt(<ConfigScreen {...p} />);
    const frame = await waitForFrame(ink, 'enter resume at Explore');
    expect(frame).toContain('cluster sparkify-dwh (available)');
    await press(ink, 'f');
    expect(p.onStartOver).toHaveBeenCalledOnce();
  });
});
