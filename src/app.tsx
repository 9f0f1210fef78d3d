// The wizard's root: owns the screen state machine, calls the workflow (with an emit that feeds
// the progress reducer), owns exit (one exit point, with a summary of what is still running) and
// catches render bugs in an error boundary. Screens only render state and send intents.
import { Box, render, Text, useApp, useStdin } from 'ink';
import React, { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { CostCounter } from './components/CostCounter.js';
import { ExitView } from './components/ExitView.js';
import { WizardErrorBoundary } from './components/WizardErrorBoundary.js';
import { formatUsd } from './components/format.js';
import { useClearOnShrink, useColumns, useRows } from './components/Layout.js';
import { Spinner } from './components/Spinner.js';
import { StepList } from './components/StepList.js';
import { tone } from './components/theme.js';
import { handlePhaseKey, PhaseKeysContext, useKeys, type StepIntents } from './components/use-keys.js';
import { ClusterScreen } from './screens/ClusterScreen.js';
import { ConfigScreen } from './screens/ConfigScreen.js';
import { EtlScreen } from './screens/EtlScreen.js';
import { ExploreScreen } from './screens/ExploreScreen.js';
import { RoleScreen } from './screens/RoleScreen.js';
import type { WorkScreenProps } from './screens/screen-props.js';
import { TablesScreen } from './screens/TablesScreen.js';
import { TeardownScreen } from './screens/TeardownScreen.js';
import { foundDetail, summaryDetail } from './state/screen-details.js';
import { useLeave } from './state/use-leave.js';
import { useQueryPrompt } from './state/use-query-prompt.js';
import { useScreenWork } from './state/use-screen-work.js';
import { useThrottledProgress } from './state/use-throttled-progress.js';
import { isGoneStatus, type ErrorView, type ProgressState } from './state/view-state.js';
import {
  exitSummary,
  initialWizardState,
  nextScreen,
  resumeScreen,
  SCREEN_TITLES,
  SCREENS,
  toErrorView,
  wizardReducer,
  type ExitSummary,
  type LeftoverInputs,
  type ScreenId,
} from './state/wizard.js';
import type { StepName } from './workflow/events.js';
import type { Detected, Plan, TeardownPlan, Workflow } from './workflow/types.js';

export type { ExitSummary } from './state/wizard.js';

export interface AppProps {
  workflow: Workflow;
  /** What to run to remove what is left, as named in the exit summary. */
  teardownCommand?: string;
  /** Called once, just before the wizard unmounts, with what is still running. */
  onExit: (summary: ExitSummary) => void;
  /** How long leaving may wait for a fresh look at what still exists (default 3 s). */
  lookTimeoutMs?: number;
}

const STEP_OF: Record<ScreenId, StepName> = {
  config: 'config',
  role: 'iam-role',
  cluster: 'cluster',
  tables: 'tables',
  etl: 'copy',
  explore: 'analytics',
  teardown: 'teardown',
};

export function App({ workflow, onExit, teardownCommand, lookTimeoutMs = 3000 }: AppProps) {
  const { exit } = useApp();
  const [crash, setCrash] = useState<ExitSummary>();
  const latest = useRef<() => LeftoverInputs>(() => ({ progress: { log: [] } as unknown as ProgressState, tornDown: false }));
  const exited = useRef(false);
  const finish = useCallback(
    (summary: ExitSummary) => {
      if (exited.current) return;
      exited.current = true;
      onExit(summary);
      exit();
    },
    [exit, onExit],
  );
  useEffect(() => {
    if (crash) finish(crash);
  }, [crash, finish]);
  if (crash) return <ExitView summary={crash} />;
  return (
    <WizardErrorBoundary onCrash={(err) => setCrash(exitSummary('crashed', latest.current(), toErrorView(err)))}>
      <Wizard workflow={workflow} onFinish={finish} report={latest} teardownCommand={teardownCommand} lookTimeoutMs={lookTimeoutMs} />
    </WizardErrorBoundary>
  );
}

interface WizardProps {
  workflow: Workflow;
  onFinish: (s: ExitSummary) => void;
  report: React.MutableRefObject<() => LeftoverInputs>;
  teardownCommand?: string;
  lookTimeoutMs: number;
}

function Wizard({ workflow, onFinish, report, teardownCommand, lookTimeoutMs }: WizardProps) {
  const width = useColumns();
  const rows = useRows();
  useClearOnShrink();
  const { isRawModeSupported } = useStdin();
  const { progress, emit, flush } = useThrottledProgress(100);
  const [wizard, dispatch] = useReducer(wizardReducer, initialWizardState);
  const [plan, setPlan] = useState<Plan>();
  const [detected, setDetected] = useState<Detected>();
  const [detectError, setDetectError] = useState<string>();
  const [teardownPlan, setTeardownPlan] = useState<TeardownPlan>();
  const [tornDown, setTornDown] = useState(false);
  const [clusterSince, setClusterSince] = useState<number>();
  const [now, setNow] = useState(() => Date.now());
  const { run, track, close } = useScreenWork(dispatch, flush);
  const prompt = useQueryPrompt(workflow, track, emit);

  const clusterRequested = wizard.screen === 'cluster' && wizard.phase === 'running';
  const inputs: LeftoverInputs = { progress, detected, plan, tornDown, clusterRequested, teardownCommand };
  report.current = () => inputs;

  // One clock for elapsed times and the cost counter; a second is fine-grained enough for both.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  // The cost counter runs from the moment a cluster exists until it is gone.
  const clusterStatus = progress.cluster?.status;
  useEffect(() => {
    if (clusterStatus === undefined) return;
    if (isGoneStatus(clusterStatus)) setClusterSince(undefined);
    else setClusterSince((since) => since ?? Date.now());
  }, [clusterStatus]);

  const { leave, leaving, summary } = useLeave({ workflow, close, report, onFinish, lookTimeoutMs });

  const loadConfig = useCallback(
    () =>
      run(
        async () => {
          const [loadedPlan, found] = await Promise.all([
            workflow.plan(),
            // Not knowing what exists only costs the resume offer; it must not block the plan (it is a warning check there).
            workflow.detect().then(
              (d) => ({ d, error: undefined }),
              (err: unknown) => ({ d: undefined, error: toErrorView(err).message }),
            ),
          ]);
          setPlan(loadedPlan);
          setDetected(found.d);
          setDetectError(found.error);
        },
        () => dispatch({ type: 'goto', screen: 'config' }),
      ),
    [run, workflow],
  );

  const loadTeardownPlan = useCallback(
    () =>
      run(
        async () => setTeardownPlan(await workflow.teardownPlan()),
        () => dispatch({ type: 'goto', screen: 'teardown' }),
      ),
    [run, workflow],
  );

  useEffect(() => {
    void loadConfig();
  }, [loadConfig]);

  const goto = (screen: ScreenId | undefined) => {
    if (screen === undefined) return leave('finished');
    dispatch({ type: 'goto', screen });
    if (screen === 'teardown') {
      setTeardownPlan(undefined);
      void loadTeardownPlan();
    }
  };

  /** Logs a finished screen to <Static> when the workflow did not report a step for it itself. */
  const logScreen = (screen: ScreenId, status: 'done' | 'skipped', detail?: string) => {
    const step = STEP_OF[screen];
    if (status === 'done' && progress.steps.some((s) => s.step === step && s.status === 'done')) return;
    emit({ type: 'step', step, id: `screen:${screen}`, status, label: SCREEN_TITLES[screen], detail });
    flush();
  };

  const screenWork: Record<Exclude<ScreenId, 'config' | 'teardown'>, (signal: AbortSignal) => Promise<void>> = {
    role: async () => void (await workflow.ensureRole(emit)),
    cluster: async (signal) => void (await workflow.ensureCluster(emit, signal)),
    tables: (signal) => workflow.createTables(emit, signal),
    etl: async (signal) => void (await workflow.runEtl(emit, signal)),
    explore: (signal) => workflow.runAnalytics(emit, signal),
  };

  const screen = wizard.screen;
  // The screen the operator is looking at; intents from a screen that has just been replaced
  // (its key handler can outlive it by a tick) are dropped rather than acted on twice.
  const shown = useRef(screen);
  shown.current = screen;
  const intents: StepIntents = {
    onRun: () => {
      if (screen !== 'config' && screen !== 'teardown') void run(screenWork[screen]);
    },
    onRetry: () => {
      if (screen === 'config') void loadConfig();
      else if (screen === 'teardown') void (teardownPlan ? runTeardown(lastTeardown.current) : loadTeardownPlan());
      else void run(screenWork[screen]);
    },
    onSkip: () => {
      logScreen(screen, 'skipped');
      goto(nextScreen(screen));
    },
    onNext: () => {
      logScreen(screen, 'done', summaryDetail(screen, progress, plan));
      goto(nextScreen(screen));
    },
    onQuit: () => leave('quit'),
  };
  const guarded = Object.fromEntries(
    Object.entries(intents).map(([name, fn]) => [name, () => (shown.current === screen ? fn() : undefined)]),
  ) as unknown as StepIntents;

  // Always mounted: Ctrl-C at any point (abort what runs, exit with a summary), and the shared
  // phase keys of the work screens, so a key pressed the moment a screen appears is not lost.
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') return leave('interrupted');
    if (summary || leaving) return;
    const phaseKeyed = screen !== 'config' && screen !== 'teardown' && !(screen === 'explore' && wizard.phase === 'done');
    if (phaseKeyed) handlePhaseKey(wizard.phase, input, key, guarded);
  });

  const lastTeardown = useRef<{ finalSnapshotId?: string }>({});
  const runTeardown = (options: { finalSnapshotId?: string }) => {
    lastTeardown.current = options;
    return run(
      (signal) => workflow.teardown(options, emit, signal),
      () => {
        setTornDown(true);
        dispatch({ type: 'succeed' });
      },
    );
  };

  const resumeTo = detected ? resumeScreen(detected) : undefined;
  const resume = (target: ScreenId | undefined) => {
    const cost = plan?.target === 'local' ? 'no charge' : `est. ${formatUsd(plan?.costPerHourUsd ?? 0)}/h`;
    logScreen('config', 'done', plan ? `${plan.target} ${plan.region} · ${plan.cluster.nodes} × ${plan.cluster.nodeType} · ${cost}` : undefined);
    if (target && detected) {
      // Log what was found for each skipped-over screen, so the scrollback tells the whole story.
      for (const s of SCREENS.slice(1, SCREENS.indexOf(target))) {
        emit({ type: 'step', step: STEP_OF[s], id: `found:${s}`, status: 'done', label: SCREEN_TITLES[s], detail: foundDetail(s, detected) });
      }
      flush();
      if (detected.cluster && !isGoneStatus(detected.cluster.status)) {
        const created = detected.cluster.createdAt ? Date.parse(detected.cluster.createdAt) : NaN;
        setClusterSince(Number.isFinite(created) ? created : Date.now());
      }
    }
    goto(target ?? 'role');
  };


  const common: WorkScreenProps = { ...guarded, phase: wizard.phase, progress, plan, detected, error: wizard.error, width, rows, now, startedAt: wizard.startedAt, finishedAt: wizard.finishedAt };
  const clusterAlive = progress.cluster ? !isGoneStatus(progress.cluster.status) : detected?.cluster !== undefined && !tornDown;

  return (
    <PhaseKeysContext.Provider value={true}>
      <StepList items={progress.log} width={width} />
      {summary ? (
        <ExitView summary={summary} />
      ) : leaving ? (
        <Spinner label="Looking at what still exists…" />
      ) : (
        <Box flexDirection="column" width={width}>
          {!isRawModeSupported ? <Text color={tone('yellow')}>stdin is not a terminal: keys are off. Use `npx sparkify up` and friends instead.</Text> : null}
          {screen !== 'cluster' && clusterAlive && clusterSince !== undefined && plan ? (
            // One line whatever the width: screens count it as one when they size themselves to the rows.
            <Text wrap="truncate-end">
              cluster {progress.cluster?.clusterId ?? detected?.cluster?.identifier} {progress.cluster?.status ?? detected?.cluster?.status} ·{' '}
              <CostCounter costPerHourUsd={plan.costPerHourUsd} sinceMs={clusterSince} now={now} />
            </Text>
          ) : null}
          {screen === 'config' ? (
            <ConfigScreen
              phase={wizard.phase}
              plan={plan}
              detected={detected}
              detectError={detectError}
              error={wizard.error}
              rows={rows}
              resumeTo={resumeTo}
              width={width}
              onContinue={() => resume(resumeTo)}
              onStartOver={() => resume(undefined)}
              onRetry={guarded.onRetry}
              onQuit={guarded.onQuit}
              {...(workflow.chooseDeployment
                ? {
                    onToggleDeployment: () => {
                      workflow.chooseDeployment!(plan?.serverless ? 'provisioned' : 'serverless');
                      void loadConfig();
                    },
                  }
                : {})}
            />
          ) : null}
          {screen === 'role' ? <RoleScreen {...common} /> : null}
          {screen === 'cluster' ? <ClusterScreen {...common} clusterSince={clusterSince} /> : null}
          {screen === 'tables' ? <TablesScreen {...common} /> : null}
          {screen === 'etl' ? <EtlScreen {...common} /> : null}
          {screen === 'explore' ? <ExploreScreen {...common} query={prompt.query} onQuery={prompt.run} onCancelQuery={prompt.cancel} history={prompt.history} /> : null}
          {screen === 'teardown' ? <TeardownScreen {...common} teardownPlan={teardownPlan} onConfirm={(o) => void runTeardown(o)} onNext={() => leave('finished')} /> : null}
        </Box>
      )}
    </PhaseKeysContext.Provider>
  );
}

/**
 * Opens the wizard on the terminal and resolves with the exit summary once it has closed.
 * Ctrl-C is handled by the App (abort running work, then exit), so Ink's own handler is off.
 */
export async function renderWizard(workflow: Workflow, { teardownCommand }: { teardownCommand?: string } = {}): Promise<ExitSummary> {
  let summary: ExitSummary = { reason: 'quit', stillRunning: [] };
  const instance = render(<App workflow={workflow} onExit={(s) => (summary = s)} teardownCommand={teardownCommand} />, { exitOnCtrlC: false, maxFps: 20 });
  try {
    await instance.waitUntilExit();
  } finally {
    await workflow.close();
  }
  return summary;
}

export type { ErrorView };
