// The wizard's plan screen offers the deployment: `d` switches the ReloadingWorkflow to Redshift
// Serverless, whose next plan (real config, real emulator) the screen shows with its cost model.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ConfigScreen, type ConfigScreenProps } from '../../src/screens/ConfigScreen.js';
import { ReloadingWorkflow } from '../../src/workflow/reloading-workflow.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { press, renderAt, waitForFrame, widestLine } from '../helpers/ink.js';

let ws: Workspace | undefined;
let workflow: ReloadingWorkflow | undefined;
afterEach(async () => {
  cleanup();
  await workflow?.close();
  ws?.remove();
  ws = workflow = undefined;
});

describe('ConfigScreen: choosing the deployment', () => {
  it('d switches the plan to Redshift Serverless and back, each plan made again from dwh.cfg', async () => {
    ws = createWorkspace();
    workflow = new ReloadingWorkflow(ws.configPath, { emulatorDelays: { clusterCreateMs: 0, clusterDeleteMs: 0 } });
    const provisioned = await workflow.plan();
    expect(provisioned.serverless).toBeUndefined();
    const onToggleDeployment = vi.fn();
    const props: ConfigScreenProps = { phase: 'confirm', plan: provisioned, width: 80, onContinue: vi.fn(), onStartOver: vi.fn(), onRetry: vi.fn(), onQuit: vi.fn(), onToggleDeployment };
    const ink = renderAt(<ConfigScreen {...props} />);
    expect(await waitForFrame(ink, 'd use Redshift Serverless')).toContain('sparkify-dwh: 1 × ra3.large');
    await press(ink, 'd');
    expect(onToggleDeployment).toHaveBeenCalledOnce();
    cleanup();

    workflow.chooseDeployment('serverless');
    const serverless = await workflow.plan();
    const shown = renderAt(<ConfigScreen {...props} plan={serverless} />);
    const frame = await waitForFrame(shown, 'd use a provisioned cluster');
    expect(frame).toContain('Serverless workgroup sparkify-wg (8 RPUs) · namespace sparkify-ns');
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(frame).toMatch(/\$0\.375\/RPU-hour while queries run/);
    expect(frame).toContain('+ namespace sparkify-ns (create)');
    expect(frame).toContain('+ workgroup sparkify-wg (create)');
    expect(frame).not.toContain('ra3.large');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);

    workflow.chooseDeployment('provisioned');
    expect((await workflow.plan()).serverless).toBeUndefined();
  });
});
