// IAM role: create or reuse the role the cluster assumes to read S3, and show its ARN.
import { Box, Text } from 'ink';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { phaseHints } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { usePhaseKeys } from '../components/use-keys.js';
import type { WorkScreenProps } from './screen-props.js';

export function RoleScreen(props: WorkScreenProps) {
  const { phase, progress, plan, detected, error, width } = props;
  usePhaseKeys(phase, props);
  const planned = plan?.resources.find((r) => r.kind === 'iam-role');
  const name = progress.role?.roleName ?? detected?.role?.name ?? planned?.name ?? 'the IAM role';
  const reuse = detected?.role !== undefined || planned?.action === 'reuse' || planned?.action === 'exists';
  const arn = progress.role?.arn ?? detected?.role?.arn;
  return (
    <ScreenFrame screen="role" width={width} rows={props.rows} hints={phaseHints(phase, reuse ? 'check and reuse' : 'create')}>
      {phase === 'confirm' ? (
        <Box flexDirection="column">
          <Text>
            {reuse ? 'Will reuse' : 'Will create'} IAM role <Text bold>{name}</Text> so the cluster can read the S3 sources (read-only).
          </Text>
          {arn ? <Text dimColor>ARN {arn}</Text> : null}
          <Text dimColor>No charge: IAM roles are free.</Text>
        </Box>
      ) : null}
      {phase === 'running' ? <Spinner label={`${reuse ? 'Checking' : 'Creating'} role ${name}…`} /> : null}
      {phase === 'done' ? (
        <Box flexDirection="column">
          <Text>
            <Text color={tone('green')}>{SYMBOLS.done}</Text> Role <Text bold>{name}</Text> {progress.role?.action ?? (reuse ? 'reused' : 'created')}
          </Text>
          {arn ? <Text>ARN {arn}</Text> : null}
        </Box>
      ) : null}
      {phase === 'failed' && error ? <ErrorBanner title="IAM role" message={error.message} hint={error.hint} /> : null}
    </ScreenFrame>
  );
}
