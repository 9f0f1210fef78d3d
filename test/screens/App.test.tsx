import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from '../../src/app.js';
import type { ExitSummary } from '../../src/state/wizard.js';
import { FakeWorkflow } from '../helpers/fake-workflow.js';
import * as fx from '../helpers/fixtures.js';
import { KEYS, press, renderAt, type, waitForFrame, waitUntil, widestLine } from '../helpers/ink.js';

afterEach(() => cleanup());

function start(workflow = new FakeWorkflow(), { lookTimeoutMs }: { lookTimeoutMs?: number } = {}) {
  const exits: ExitSummary[] = [];
  const ink = renderAt(<App workflow={workflow} onExit={(s) => exits.push(s)} lookTimeoutMs={lookTimeoutMs} />);
  return { ink, workflow, exits };
}

/** The exit summary arrives after the last frame is committed. */
const exited = (exits: ExitSummary[]) => vi.waitFor(() => expect(exits).toHaveLength(1), { timeout: 3000 });

describe('App', () => {
  it('walks every screen from the plan to a confirmed teardown', async () => {
    const { ink, workflow, exits } = start();
    let frame = await waitForFrame(ink, 'Plan & config');
    frame = await waitForFrame(ink, 'sparkify-dwh: 2 × ra3.large');
    expect(frame).toContain('$1.09/h');
    expect(frame).toContain('estimate');
    expect(frame).toContain('enter go on');

    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will create IAM role sparkifyRedshiftRole');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'ARN arn:aws:iam::123456789012:role/sparkifyRedshiftRole');
    await press(ink, KEYS.enter);

    await waitForFrame(ink, 'Will create cluster sparkify-dwh');
    workflow.hold('ensureCluster');
    await press(ink, KEYS.enter);
    frame = await waitForFrame(ink, 'sparkify-dwh creating');
    expect(frame).toContain('est. $1.09/h');
    workflow.release('ensureCluster');
    frame = await waitForFrame(ink, 'Endpoint sparkify-dwh.abc');
    expect(frame).toContain('creating 0s → available 3m12s');
    await press(ink, KEYS.enter);

    await waitForFrame(ink, 'Will drop and re-create 7 tables');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, '14 statements done.');
    await press(ink, KEYS.enter);

    await waitForFrame(ink, 'Will COPY the S3 sources');
    workflow.hold('runEtl');
    await press(ink, KEYS.enter);
    frame = await waitForFrame(ink, '15/30 files');
    expect(frame).toContain(' 50%');
    workflow.release('runEtl');
    frame = await waitForFrame(ink, '3/3 checks passed');
    expect(frame).toContain('INSERT songplays');
    await press(ink, KEYS.enter);

    await waitForFrame(ink, 'Will run the analytics queries');
    await press(ink, KEYS.enter);
    frame = await waitForFrame(ink, 'Plays by level (1/2');
    await press(ink, KEYS.right);
    frame = await waitForFrame(ink, 'Most played songs (2/2');
    expect(frame).toContain("You're The One — Dwight Yoakam");
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'select * from nosuchtable');
    await press(ink, KEYS.enter);
    frame = await waitForFrame(ink, 'relation "nosuchtable" does not exist');
    expect(frame).toContain('SQL›');
    expect(frame).toContain('select * from nosuchtable');
    for (let i = 0; i < 'select * from nosuchtable'.length; i++) ink.stdin.write(KEYS.backspace);
    await type(ink, 'select level, count(*) from songplays group by 1');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, '5,591');
    await press(ink, KEYS.escape);
    await waitForFrame(ink, 'enter next: teardown');
    await press(ink, KEYS.enter);

    frame = await waitForFrame(ink, 'Type sparkify-dwh to confirm');
    expect(frame).toContain('cluster sparkify-dwh (available)');
    expect(frame).toContain('IAM role sparkifyRedshiftRole');
    await type(ink, 'sparkify');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, '"sparkify" is not sparkify-dwh; nothing was deleted.');
    expect(workflow.calls).not.toContain('teardown');
    await type(ink, '-dwh');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Take a final snapshot');
    await press(ink, 'y');
    await waitForFrame(ink, 'Nothing sparkify created is left.');
    expect(workflow.teardownOptions?.finalSnapshotId).toMatch(/^sparkify-dwh-final-\d{12}$/);
    await press(ink, KEYS.enter);

    await waitForFrame(ink, 'Nothing sparkify created exists.');
    await exited(exits);
    expect(exits[0]).toMatchObject({ reason: 'finished', stillRunning: [], teardownCommand: undefined, resumeCommand: undefined });
    const last = ink.lastFrame() ?? '';
    // Finished steps were printed through <Static>, in order.
    expect(last.indexOf('IAM role sparkifyRedshiftRole')).toBeLessThan(last.indexOf('Create tables'));
    expect(last).toContain('COPY staging_events');
    expect(widestLine(last)).toBeLessThanOrEqual(80);
  });

  it('Ctrl-C while the cluster is creating aborts the work and names what is left and how to delete it', async () => {
    const workflow = new FakeWorkflow();
    const { ink, exits } = start(workflow);
    await waitForFrame(ink, 'enter go on');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will create IAM role');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'ARN arn:');
    await press(ink, KEYS.enter);
    workflow.hold('ensureCluster');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'sparkify-dwh creating');
    await press(ink, KEYS.ctrlC);
    const frame = await waitForFrame(ink, 'npx sparkify down').catch((err: Error) => {
      throw new Error(`${err.message}\nexits: ${JSON.stringify(exits)}`);
    });
    expect(frame).toContain('Interrupted.');
    expect(frame).toContain('To resume: npx sparkify');
    expect(workflow.aborted).toEqual(['ensureCluster']);
    await exited(exits);
    expect(exits[0].reason).toBe('interrupted');
    expect(exits[0].stillRunning).toEqual(['cluster sparkify-dwh (creating) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge']);
    expect(exits[0].teardownCommand).toBe('npx sparkify down');
    expect(exits[0].resumeCommand).toBe('npx sparkify');
  });

  it('shows a failing step with its message and hint, then retries with r', async () => {
    const workflow = new FakeWorkflow();
    workflow.failOnce('ensureRole', 'User: arn:aws:iam::123456789012:user/ops is not authorized to perform: iam:CreateRole', 'The credentials in use lack a permission this step needs.');
    const { ink } = start(workflow);
    await waitForFrame(ink, 'enter go on');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will create IAM role');
    await press(ink, KEYS.enter);
    let frame = await waitForFrame(ink, 'iam:CreateRole');
    expect(frame).toContain('is not authorized to');
    expect(frame).toContain('→ The credentials in use lack a permission');
    expect(frame).toContain('r retry');
    expect(frame).not.toMatch(/at .*\.ts:\d+/);
    await press(ink, 'r');
    frame = await waitForFrame(ink, 'ARN arn:aws:iam::123456789012:role/sparkifyRedshiftRole');
    expect(workflow.calls.filter((c) => c === 'ensureRole')).toHaveLength(2);
  });

  it('a config error shows the fix and q quits with nothing running', async () => {
    const workflow = new FakeWorkflow();
    workflow.failOnce('plan', 'dwh.cfg: [CLUSTER] NODE_TYPE "dc9.huge" is not a Redshift node type', 'Use one of ra3.large, ra3.xlplus, ra3.4xlarge, dc2.large.');
    const { ink, exits } = start(workflow);
    const frame = await waitForFrame(ink, 'is not a Redshift node type');
    expect(frame).toContain('Use one of ra3.large');
    expect(frame).toContain('retry (after fixing dwh.cfg)');
    await press(ink, 'q');
    await waitForFrame(ink, 'Bye.');
    await exited(exits);
    expect(exits[0]).toMatchObject({ reason: 'quit', stillRunning: [] });
  });

  it('a re-opened wizard finds the loaded warehouse and resumes at Explore', async () => {
    const workflow = new FakeWorkflow(fx.plan, fx.loadedDetected);
    const { ink, exits } = start(workflow);
    let frame = await waitForFrame(ink, 'resume at Explore');
    expect(frame).toMatch(/Found {4}role sparkifyRedshiftRole, cluster sparkify-dwh \(available\), 7 tables,\s+6,820 songplays/);
    await press(ink, KEYS.enter);
    frame = await waitForFrame(ink, 'Will run the analytics queries');
    expect(frame).toContain('found arn:aws:iam::123456789012:role/sparkifyRedshiftRole');
    expect(frame).toContain('cluster sparkify-dwh available · $ est. $1.09/h');
    expect(workflow.calls).not.toContain('ensureRole');
    await press(ink, 's');
    await waitForFrame(ink, 'Type sparkify-dwh to confirm');
    await press(ink, KEYS.escape);
    await waitForFrame(ink, 'npx sparkify down');
    await exited(exits);
    expect(exits[0].stillRunning).toEqual(['cluster sparkify-dwh (available) — bills est. $1.09/h until deleted', 'IAM role sparkifyRedshiftRole — no charge']);
  });

  it('Ctrl-C while a typed query runs cancels the query too', async () => {
    const workflow = new FakeWorkflow(fx.plan, fx.loadedDetected);
    const { ink, exits } = start(workflow);
    await waitForFrame(ink, 'resume at Explore');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will run the analytics queries');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'bars: plays');
    workflow.hold('query');
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'select count(*) from songplays a, songplays b');
    await press(ink, KEYS.enter);
    await press(ink, KEYS.ctrlC);
    await waitForFrame(ink, 'Interrupted.');
    await exited(exits);
    expect(workflow.aborted).toContain('query');
    expect(exits[0].reason).toBe('interrupted');
  });

  it('s skips a screen and logs it as skipped', async () => {
    const { ink, workflow } = start();
    await waitForFrame(ink, 'enter go on');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will create IAM role');
    await press(ink, 's');
    const frame = await waitForFrame(ink, 'Will create cluster');
    expect(frame).toContain('↷ IAM role');
    expect(workflow.calls).not.toContain('ensureRole');
  });

  it('a render bug ends the wizard through the error boundary with the message, not a stack', async () => {
    const broken = { ...fx.plan, resources: undefined } as unknown as typeof fx.plan;
    const { ink, exits } = start(new FakeWorkflow(broken));
    const frame = await waitForFrame(ink, 'Stopped.');
    await waitUntil(() => expect(exits).toHaveLength(1));
    expect(exits[0].reason).toBe('crashed');
    expect(exits[0].error?.message).toMatch(/resources/);
    expect(exits[0].error?.hint).toMatch(/bug/);
    expect(frame).not.toMatch(/at .*\.tsx?:\d+/);
  });

  it('q on the plan names what exists from a fresh look, even when the first look failed (another process held the target)', async () => {
    const workflow = new FakeWorkflow();
    workflow.failOnce('detect', 'the local target is in use by another process');
    workflow.existing = { cluster: 'available', role: true };
    const { ink, exits } = start(workflow);
    const frame = await waitForFrame(ink, 'enter go on');
    expect(frame.replace(/\s+/g, ' ')).toContain('could not check what already exists: the local target is in use by another process');
    await press(ink, 'q');
    const last = await waitForFrame(ink, 'To delete: npx sparkify down');
    expect(last).not.toContain('Nothing sparkify created');
    expect(last).toContain('- cluster sparkify-dwh (available) — bills est. $1.09/h until deleted');
    expect(last).toContain('- IAM role sparkifyRedshiftRole — no charge');
    expect(last).toContain('To resume: npx sparkify');
    await exited(exits);
    expect(exits[0]).toMatchObject({ reason: 'quit', teardownCommand: 'npx sparkify down', resumeCommand: 'npx sparkify' });
  });

  it('when the fresh look does not answer in time, quitting says so and lists what the session saw', async () => {
    const workflow = new FakeWorkflow(fx.plan, fx.loadedDetected);
    workflow.hold('teardownPlan');
    const { ink, exits } = start(workflow, { lookTimeoutMs: 200 });
    await waitForFrame(ink, 'resume at Explore');
    await press(ink, 'q');
    const last = await waitForFrame(ink, 'To delete: npx sparkify down');
    expect(last.replace(/\s+/g, ' ')).toContain('Could not look again at what exists (no answer within 200ms); this is what this session saw.');
    expect(last).toContain('- cluster sparkify-dwh (available) — bills est. $1.09/h until deleted');
    await exited(exits);
    expect(exits[0].checkError).toMatch(/no answer/);
  });

  it('keeps the SQL history for the session: ↑ recalls what ran, even after leaving the prompt', async () => {
    const workflow = new FakeWorkflow(fx.plan, fx.loadedDetected);
    const { ink } = start(workflow);
    await waitForFrame(ink, 'resume at Explore');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will run the analytics queries');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'bars: plays');
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'select 1 as a');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, '5,591');
    await press(ink, KEYS.escape);
    await waitForFrame(ink, 'enter next: teardown');
    await press(ink, '/');
    await waitForFrame(ink, 'enter run SQL');
    await press(ink, KEYS.up);
    await waitForFrame(ink, /SQL› select 1 as a ?$/m);
  });

  it('esc cancels a running query and says so', async () => {
    const workflow = new FakeWorkflow(fx.plan, fx.loadedDetected);
    const { ink, exits } = start(workflow);
    await waitForFrame(ink, 'resume at Explore');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'Will run the analytics queries');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, 'bars: plays');
    workflow.hold('query');
    await press(ink, '/');
    await waitForFrame(ink, 'SQL›');
    await type(ink, 'select count(*) from songplays a, songplays b');
    await press(ink, KEYS.enter);
    await waitForFrame(ink, /Running… \d+s · esc cancels/);
    await press(ink, KEYS.escape);
    await waitForFrame(ink, /Cancelled after \d+s/);
    expect(workflow.aborted).toContain('query');
    expect(exits).toHaveLength(0);
  });
});
