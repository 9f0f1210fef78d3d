// Teardown: exactly what the tool created (by its tag), typed confirmation of the cluster id, an
// optional final snapshot, then the deletion live until nothing is left.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PromptLine, useLineEditor } from '../components/PromptInput.js';
import { formatClock } from '../components/format.js';
import type { KeyHint } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { useKeys } from '../components/use-keys.js';
import { isGoneStatus } from '../state/view-state.js';
import type { TeardownPlan } from '../workflow/types.js';
import type { WorkScreenProps } from './screen-props.js';

export interface TeardownScreenProps extends WorkScreenProps {
  teardownPlan?: TeardownPlan;
  onConfirm: (options: { finalSnapshotId?: string }) => void;
}

export function snapshotIdFor(clusterId: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 12);
  return `${clusterId}-final-${stamp}`;
}

export function TeardownScreen(props: TeardownScreenProps) {
  const { phase, progress, teardownPlan, error, width, now, startedAt, onConfirm } = props;
  const [stage, setStage] = useState<'type' | 'snapshot'>('type');
  const [mismatch, setMismatch] = useState<string | undefined>();
  const target = teardownPlan?.cluster?.identifier ?? teardownPlan?.role?.name;
  const nothing = teardownPlan !== undefined && target === undefined;
  const typed = useLineEditor([]);
  const snapshotId = teardownPlan?.cluster ? snapshotIdFor(teardownPlan.cluster.identifier, now) : undefined;

  // One handler, subscribed since the screen appeared, takes the typed id and the y/N answer too: an
  // input mounted when the question shows would subscribe after its first frame and lose a quick key.
  const interactive = useKeys((input, key) => {
    if (phase === 'confirm' && key.escape) props.onQuit();
    else if (phase === 'confirm' && !nothing && teardownPlan && stage === 'type') {
      const submitted = typed.handle(input, key);
      if (submitted !== undefined) submitTyped(submitted);
    } else if (phase === 'confirm' && stage === 'snapshot') {
      if (input === 'y' || input === 'Y') onConfirm({ finalSnapshotId: snapshotId });
      else if (input === 'n' || input === 'N' || key.return) onConfirm({});
    }
    else if (phase === 'confirm' && nothing && key.return) props.onNext();
    else if (phase === 'done' && (key.return || input === 'q')) props.onNext();
    else if (phase === 'failed' && input === 'r') props.onRetry();
    else if (phase === 'failed' && input === 'q') props.onQuit();
  });

  const submitTyped = (typed: string) => {
    if (typed.trim() === target) {
      setMismatch(undefined);
      if (teardownPlan?.cluster) setStage('snapshot');
      else onConfirm({});
    } else setMismatch(typed.trim());
  };

  const hints: KeyHint[] =
    phase === 'confirm'
      ? nothing
        ? [{ key: 'enter', action: 'finish' }]
        : stage === 'type'
          ? [{ key: 'enter', action: 'confirm' }, { key: 'esc', action: 'keep everything and quit' }]
          : [{ key: 'y', action: 'snapshot, then delete' }, { key: 'n/enter', action: 'delete without' }, { key: 'esc', action: 'keep everything and quit' }]
      : phase === 'done'
        ? [{ key: 'enter', action: 'finish' }]
        : phase === 'failed'
          ? [{ key: 'r', action: 'retry' }, { key: 'q', action: 'quit' }]
          : [];

  const cluster = progress.cluster;
  const roleGone = progress.role?.action === 'deleted' || progress.role?.action === 'absent';
  return (
    <ScreenFrame screen="teardown" width={width} rows={props.rows} hints={hints}>
      {phase === 'running' && !teardownPlan ? <Spinner label="Listing what sparkify created…" /> : null}
      {teardownPlan && phase !== 'done' ? <WillDelete plan={teardownPlan} /> : null}
      {nothing && phase === 'confirm' ? <Text color={tone('green')}>Nothing that sparkify created is left.</Text> : null}
      {phase === 'confirm' && !nothing && stage === 'type' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>
            Type <Text bold>{target}</Text> to confirm the deletion:
          </Text>
          <Box>
            <Text bold>› </Text>
            {interactive ? <PromptLine line={typed.line} placeholder="cluster identifier" /> : null}
          </Box>
          {mismatch !== undefined ? <Text color={tone('red')}>"{mismatch}" is not {target}; nothing was deleted.</Text> : null}
        </Box>
      ) : null}
      {phase === 'confirm' && stage === 'snapshot' && teardownPlan?.cluster ? (
        <Box marginTop={1}>
          <Text>
            Take a final snapshot ({snapshotId}) first? <Text dimColor>y/N</Text>
          </Text>
        </Box>
      ) : null}
      {phase === 'running' && teardownPlan ? (
        <Box flexDirection="column" marginTop={1}>
          <Spinner label={`Deleting… ${formatClock(startedAt !== undefined ? now - startedAt : undefined)}`} />
          {cluster ? <Text>cluster {cluster.clusterId}: {cluster.status}</Text> : null}
          {progress.role ? <Text>role {progress.role.roleName}: {progress.role.action}</Text> : null}
        </Box>
      ) : null}
      {phase === 'done' ? (
        <Box flexDirection="column">
          {teardownPlan?.cluster ? (
            <Text>
              <Text color={tone('green')}>{SYMBOLS.done}</Text> cluster {teardownPlan.cluster.identifier} {cluster && !isGoneStatus(cluster.status) ? cluster.status : 'deleted'}
            </Text>
          ) : null}
          {teardownPlan?.role ? (
            <Text>
              <Text color={tone('green')}>{SYMBOLS.done}</Text> role {teardownPlan.role.name} {roleGone ? 'deleted' : (progress.role?.action ?? 'deleted')}
            </Text>
          ) : null}
          <Text color={tone('green')}>Nothing sparkify created is left.</Text>
        </Box>
      ) : null}
      {phase === 'failed' && error ? <ErrorBanner title="Teardown" message={error.message} hint={error.hint} /> : null}
    </ScreenFrame>
  );
}

function WillDelete({ plan }: { plan: TeardownPlan }) {
  return (
    <Box flexDirection="column">
      <Text>Created by sparkify (tagged) and will be deleted:</Text>
      {plan.cluster ? <Text color={tone('red')}>  - cluster {plan.cluster.identifier} ({plan.cluster.status}) and its data</Text> : null}
      {plan.role ? <Text color={tone('red')}>  - IAM role {plan.role.name} ({plan.role.arn})</Text> : null}
      {plan.untouched.length > 0 ? <Text dimColor>Left alone (not tagged by sparkify): {plan.untouched.join(', ')}</Text> : null}
    </Box>
  );
}
