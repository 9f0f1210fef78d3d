// Cluster: create or reuse, then a live status line (creating → available) with a spinner,
// elapsed time and the running cost estimate; the endpoint once it is ready.
import { Box, Text } from 'ink';
import { CostCounter } from '../components/CostCounter.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatClock, formatUsd } from '../components/format.js';
import { phaseHints } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { usePhaseKeys } from '../components/use-keys.js';
import type { WorkScreenProps } from './screen-props.js';

export function ClusterScreen(props: WorkScreenProps & { clusterSince?: number }) {
  const { phase, progress, plan, detected, error, width, now, startedAt, clusterSince } = props;
  usePhaseKeys(phase, props);
  const shape = plan?.cluster;
  const id = progress.cluster?.clusterId ?? detected?.cluster?.identifier ?? shape?.identifier ?? 'the cluster';
  const existing = detected?.cluster;
  const status = progress.cluster?.status ?? existing?.status;
  const endpoint = progress.cluster?.endpoint ?? existing?.endpoint;
  const history = progress.cluster?.history ?? [];
  const local = plan?.target === 'local';
  return (
    <ScreenFrame screen="cluster" width={width} rows={props.rows} hints={phaseHints(phase, existing ? 'reuse' : local ? 'create' : 'create (billing starts)')}>
      {phase === 'confirm' ? (
        existing ? (
          <Text>
            Will reuse cluster <Text bold>{id}</Text> ({existing.status}){existing.status !== 'available' ? ' and wait until it is available' : ''}.
          </Text>
        ) : (
          <Box flexDirection="column">
            <Text>
              Will create cluster <Text bold>{id}</Text>
              {shape ? `: ${shape.nodes} × ${shape.nodeType} (${shape.clusterType}), database ${shape.database}, port ${shape.port}` : ''}.
            </Text>
            {local ? (
              <Text>No charge: the local emulator creates it in seconds (on AWS: est. {formatUsd(plan?.awsCostPerHourUsd ?? 0)}/h, a few minutes).</Text>
            ) : (
              <Text color={tone('yellow')}>
                Billing starts once it is created: est. {formatUsd(plan?.costPerHourUsd ?? 0)}/h (estimate). Creating takes a few minutes.
              </Text>
            )}
          </Box>
        )
      ) : null}
      {phase === 'running' ? (
        <Spinner label={`${id} ${status ?? 'requesting'}  ${formatClock(startedAt !== undefined ? Math.max(now - startedAt, progress.cluster?.elapsedMs ?? 0) : progress.cluster?.elapsedMs)}`} />
      ) : null}
      {phase === 'done' ? (
        <Text>
          <Text color={tone('green')}>{SYMBOLS.done}</Text> {id} {status ?? 'available'}
        </Text>
      ) : null}
      {history.length > 0 ? <Text dimColor>{history.map((h) => `${h.status} ${formatClock(h.elapsedMs)}`).join(' → ')}</Text> : null}
      {endpoint && phase !== 'confirm' ? <Text>Endpoint {endpoint}</Text> : null}
      {clusterSince !== undefined && plan && phase !== 'confirm' ? <CostCounter costPerHourUsd={plan.costPerHourUsd} sinceMs={clusterSince} now={now} /> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Cluster" message={error.message} hint={error.hint} /> : null}
    </ScreenFrame>
  );
}
