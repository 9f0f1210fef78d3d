// Plan and config in one screen, like `terraform plan`: the preflight checks first (a failed one in
// full, with its fix, and it blocks going on), then target, cluster shape and estimated cost,
// sources, every resource and SQL step — before anything is created. A re-opened wizard also shows
// what already exists and offers to resume there.
import { Box, Text } from 'ink';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatUsd, truncate } from '../components/format.js';
import type { KeyHint } from '../components/KeyHints.js';
import { PlanChecks } from '../components/PlanChecks.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { useKeys } from '../components/use-keys.js';
import { blockingChecks, planChecks } from '../state/plan-checks.js';
import { describeDetected, describeResources, describeSqlSteps } from '../state/plan-lines.js';
import type { ErrorView } from '../state/view-state.js';
import { SCREEN_TITLES, type Phase, type ScreenId } from '../state/wizard.js';
import type { Detected, Plan } from '../workflow/types.js';

export { describeDetected, describeResources } from '../state/plan-lines.js';

export interface ConfigScreenProps {
  phase: Phase;
  plan?: Plan;
  detected?: Detected;
  /** Why detect() failed, when it did: a warning check, not a reason to stop. */
  detectError?: string;
  error?: ErrorView;
  /** Where the wizard would resume, when something already exists. */
  resumeTo?: ScreenId;
  width: number;
  rows?: number;
  onContinue: () => void;
  onStartOver: () => void;
  onRetry: () => void;
  onQuit: () => void;
  /** Switches between a provisioned cluster and Redshift Serverless (the plan is made again); absent when the workflow cannot. */
  onToggleDeployment?: () => void;
}

const LABEL = 9;

function Field({ label, children, width, wrap = false }: { label: string; children: string; width: number; wrap?: boolean }) {
  return (
    <Box>
      <Text bold>{label.padEnd(LABEL)}</Text>
      <Box width={width - LABEL}>
        <Text wrap={wrap ? 'wrap' : 'truncate-end'}>{children}</Text>
      </Box>
    </Box>
  );
}

export function ConfigScreen({ phase, plan, detected, detectError, error, resumeTo, width, rows = 24, onContinue, onStartOver, onRetry, onQuit, onToggleDeployment }: ConfigScreenProps) {
  const checks = plan ? planChecks(plan, detectError) : [];
  const blocked = blockingChecks(checks).length > 0;
  useKeys((input, key) => {
    if (phase === 'confirm' && key.return && !blocked) onContinue();
    else if (phase === 'confirm' && input === 'f' && resumeTo && !blocked) onStartOver();
    else if ((phase === 'failed' || (phase === 'confirm' && blocked)) && input === 'r') onRetry();
    else if (input === 'd' && phase === 'confirm' && onToggleDeployment) onToggleDeployment();
    else if (input === 'q' && phase !== 'running') onQuit();
  });

  const toggle: KeyHint[] = phase === 'confirm' && onToggleDeployment ? [{ key: 'd', action: plan?.serverless ? 'use a provisioned cluster' : 'use Redshift Serverless' }] : [];
  const hints: KeyHint[] = [
    ...(phase === 'confirm' && blocked
      ? [{ key: 'r', action: 'check again (after the fix)' }, { key: 'q', action: 'quit' }]
      : phase === 'confirm'
        ? [{ key: 'enter', action: resumeTo ? `resume at ${SCREEN_TITLES[resumeTo]}` : 'go on' }, ...(resumeTo ? [{ key: 'f', action: 'from the start' }] : []), { key: 'q', action: 'quit' }]
        : phase === 'failed'
          ? [{ key: 'r', action: 'retry (after fixing dwh.cfg)' }, { key: 'q', action: 'quit' }]
          : []),
    ...toggle,
  ];
  const status = blocked ? (
    <Text color={tone('red')}>
      {SYMBOLS.failed} {blockingChecks(checks).length} check{blockingChecks(checks).length > 1 ? 's' : ''} failed
    </Text>
  ) : undefined;

  return (
    <ScreenFrame screen="config" width={width} rows={rows} hints={hints} status={status}>
      {phase === 'running' ? <Spinner label="Reading dwh.cfg, checking credentials and what already exists…" /> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Config" message={error.message} hint={error.hint} /> : null}
      {plan ? <PlanChecks checks={checks} width={width} labelWidth={LABEL} /> : null}
      {plan ? <PlanDetails plan={plan} width={width} compact={rows < 24} /> : null}
      {phase === 'confirm' && detected && describeDetected(detected) ? (
        <Box flexDirection="column">
          <Field label="Found" width={width} wrap>{describeDetected(detected) ?? ''}</Field>
          {resumeTo && !blocked ? <Text color={tone('green')}>{' '.repeat(LABEL)}→ resume at {SCREEN_TITLES[resumeTo]} (press f to walk every step instead)</Text> : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function PlanDetails({ plan, width, compact }: { plan: Plan; width: number; compact: boolean }) {
  const { cluster, sources, identity } = plan;
  const who = 'error' in identity ? '' : ` · account ${identity.account} as ${identity.arn}`;
  return (
    <Box flexDirection="column">
      <Field label="Target" width={width}>{`${plan.target === 'local' ? 'local emulator' : 'AWS'} · ${plan.region}${who}`}</Field>
      {plan.serverless ? (
        <>
          <Field label="Compute" width={width}>{`Serverless workgroup ${plan.serverless.workgroup} (${plan.serverless.baseCapacity}${plan.serverless.maxCapacity ? `–${plan.serverless.maxCapacity}` : ''} RPUs) · namespace ${plan.serverless.namespace}`}</Field>
          <Field label="Cost" width={width} wrap>{plan.serverless.costModel}</Field>
        </>
      ) : (
        <>
          <Field label="Cluster" width={width}>{`${cluster.identifier}: ${cluster.nodes} × ${cluster.nodeType} (${cluster.clusterType}), db ${cluster.database} as ${cluster.dbUser}, port ${cluster.port}`}</Field>
          <Field label="Cost" width={width}>
            {plan.costPerHourUsd > 0 ? `${formatUsd(plan.costPerHourUsd)}/h for ${cluster.nodes} × ${cluster.nodeType} (estimate, us-east-1 on-demand list price; other regions differ)` : `free here (local emulator); on AWS est. ${formatUsd(plan.awsCostPerHourUsd)}/h`}
          </Field>
        </>
      )}
      <Field label="Sources" width={width}>{`${sources.logData} (jsonpaths ${sources.logJsonPath})`}</Field>
      <Field label="" width={width}>{`${sources.songData} (${sources.region})`}</Field>
      <Field label="Load" width={width}>{plan.expectedLoad}</Field>
      {describeResources(plan.resources).map((line, i) => (
        <Field key={i} label={i === 0 ? 'Creates' : ''} width={width}>
          {line}
        </Field>
      ))}
      <Field label="SQL" width={width} wrap={!compact}>
        {compact ? truncate(describeSqlSteps(plan.sqlSteps), width - LABEL) : describeSqlSteps(plan.sqlSteps)}
      </Field>
    </Box>
  );
}
