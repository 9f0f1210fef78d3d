// Plan and config in one screen, like `terraform plan`: target, identity, cluster shape and its
// estimated cost, sources, every resource and SQL step, warnings — before anything is created.
// A re-opened wizard also shows what already exists and offers to resume there.
import { Box, Text } from 'ink';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatUsd, truncate } from '../components/format.js';
import type { KeyHint } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { useKeys } from '../components/use-keys.js';
import type { ErrorView } from '../state/view-state.js';
import { SCREEN_TITLES, type Phase, type ScreenId } from '../state/wizard.js';
import type { Detected, Plan, PlanResource } from '../workflow/types.js';

export interface ConfigScreenProps {
  phase: Phase;
  plan?: Plan;
  detected?: Detected;
  error?: ErrorView;
  /** Where the wizard would resume, when something already exists. */
  resumeTo?: ScreenId;
  width: number;
  onContinue: () => void;
  onStartOver: () => void;
  onRetry: () => void;
  onQuit: () => void;
}

const LABEL = 9;

function Field({ label, children, width }: { label: string; children: string; width: number }) {
  return (
    <Text>
      <Text bold>{label.padEnd(LABEL)}</Text>
      {truncate(children, width - LABEL)}
    </Text>
  );
}

/** For lists that matter in full (SQL steps, what was found): wrapped under the label, not cut. */
function WrappedField({ label, children, width }: { label: string; children: string; width: number }) {
  return (
    <Box>
      <Text bold>{label.padEnd(LABEL)}</Text>
      <Box width={width - LABEL}>
        <Text wrap="wrap">{children}</Text>
      </Box>
    </Box>
  );
}

export function describeResources(resources: PlanResource[]): string[] {
  const mark = (r: PlanResource) => (r.action === 'create' ? '+' : '=');
  const tables = resources.filter((r) => r.kind === 'table');
  const lines = resources.filter((r) => r.kind !== 'table').map((r) => `${mark(r)} ${r.kind} ${r.name} (${r.action})${r.detail ? ` ${r.detail}` : ''}`);
  const byAction = new Map<string, string[]>();
  for (const t of tables) byAction.set(t.action, [...(byAction.get(t.action) ?? []), t.name]);
  for (const [action, names] of byAction) lines.push(`${action === 'create' ? '+' : '='} ${names.length} tables (${action}): ${names.join(', ')}`);
  return lines;
}

export function describeDetected(d: Detected): string | undefined {
  const parts: string[] = [];
  if (d.role) parts.push(`role ${d.role.name}`);
  if (d.cluster) parts.push(`cluster ${d.cluster.identifier} (${d.cluster.status})`);
  if (d.tables.length > 0) parts.push(`${d.tables.length} tables`);
  if ((d.counts.songplays ?? 0) > 0) parts.push(`${d.counts.songplays} songplays`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function ConfigScreen({ phase, plan, detected, error, resumeTo, width, onContinue, onStartOver, onRetry, onQuit }: ConfigScreenProps) {
  useKeys((input, key) => {
    if (phase === 'confirm' && key.return) onContinue();
    else if (phase === 'confirm' && input === 'f' && resumeTo) onStartOver();
    else if (phase === 'failed' && input === 'r') onRetry();
    else if (input === 'q' && phase !== 'running') onQuit();
  });

  const hints: KeyHint[] =
    phase === 'confirm'
      ? [{ key: 'enter', action: resumeTo ? `resume at ${SCREEN_TITLES[resumeTo]}` : 'go on' }, ...(resumeTo ? [{ key: 'f', action: 'from the start' }] : []), { key: 'q', action: 'quit' }]
      : phase === 'failed'
        ? [{ key: 'r', action: 'retry (after fixing dwh.cfg)' }, { key: 'q', action: 'quit' }]
        : [];

  return (
    <ScreenFrame screen="config" width={width} hints={hints}>
      {phase === 'running' ? <Spinner label="Reading dwh.cfg, checking credentials and what already exists…" /> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Config" message={error.message} hint={error.hint} /> : null}
      {plan ? <PlanDetails plan={plan} width={width} /> : null}
      {phase === 'confirm' && detected && describeDetected(detected) ? (
        <Box flexDirection="column" marginTop={1}>
          <WrappedField label="Found" width={width}>{describeDetected(detected) ?? ''}</WrappedField>
          {resumeTo ? <Text color={tone('green')}>{' '.repeat(LABEL)}→ resume at {SCREEN_TITLES[resumeTo]} (press f to walk every step instead)</Text> : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function PlanDetails({ plan, width }: { plan: Plan; width: number }) {
  const { cluster, sources, identity } = plan;
  const who = 'error' in identity ? undefined : `account ${identity.account} as ${identity.arn}`;
  const resources = describeResources(plan.resources);
  return (
    <Box flexDirection="column">
      <Field label="Target" width={width}>{`${plan.target === 'local' ? 'local emulator' : 'AWS'} · ${plan.region}${who ? ` · ${who}` : ''}`}</Field>
      {'error' in identity ? (
        <Text color={tone('red')}>
          {' '.repeat(LABEL)}
          {SYMBOLS.failed} {truncate(`identity: ${identity.error}`, width - LABEL - 2)}
        </Text>
      ) : null}
      <Field label="Cluster" width={width}>{`${cluster.identifier}: ${cluster.nodes} × ${cluster.nodeType} (${cluster.clusterType}), db ${cluster.database} as ${cluster.dbUser}, port ${cluster.port}`}</Field>
      <Field label="Cost" width={width}>
        {plan.costPerHourUsd > 0 ? `${formatUsd(plan.costPerHourUsd)}/h for ${cluster.nodes} × ${cluster.nodeType} (estimate, us-east-1 on-demand list price; other regions differ)` : `free here (local emulator); on AWS est. ${formatUsd(plan.awsCostPerHourUsd)}/h`}
      </Field>
      <Field label="Sources" width={width}>{`${sources.logData} (jsonpaths ${sources.logJsonPath})`}</Field>
      <Field label="" width={width}>{`${sources.songData} (${sources.region})`}</Field>
      <Field label="Load" width={width}>{plan.expectedLoad}</Field>
      {resources.map((line, i) => (
        <Field key={i} label={i === 0 ? 'Creates' : ''} width={width}>
          {line}
        </Field>
      ))}
      <WrappedField label="SQL" width={width}>{plan.sqlSteps.map((s, i) => `${i + 1}. ${s}`).join(' · ')}</WrappedField>
      <Warnings warnings={plan.warnings} width={width} />
    </Box>
  );
}

/** Up to two warnings in full; more (a course-layout file can give six) one line each, so the plan still fits 24 rows. */
const FULL_WARNINGS = 2;
const LISTED_WARNINGS = 3;

function Warnings({ warnings, width }: { warnings: string[]; width: number }) {
  const compact = warnings.length > FULL_WARNINGS;
  const shown = compact ? warnings.slice(0, LISTED_WARNINGS) : warnings;
  return (
    <>
      {shown.map((w, i) => (
        <Box key={i}>
          <Text color={tone('yellow')}>{SYMBOLS.warn} </Text>
          <Box width={width - 2}>
            <Text wrap={compact ? 'truncate-end' : 'wrap'}>{w}</Text>
          </Box>
        </Box>
      ))}
      {warnings.length > shown.length ? (
        <Text color={tone('yellow')}>
          {SYMBOLS.warn} {warnings.length - shown.length} more; `npx sparkify status` prints every warning in full.
        </Text>
      ) : null}
    </>
  );
}
