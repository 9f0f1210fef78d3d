// Tables: drop and re-create the schema, one line per statement with its state.
import { Box, Text } from 'ink';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatDuration } from '../components/format.js';
import { phaseHints } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { StatusRow } from '../components/StatusRow.js';
import { tone } from '../components/theme.js';
import { usePhaseKeys } from '../components/use-keys.js';
import type { WorkScreenProps } from './screen-props.js';

/** Enough statement lines to show progress while the screen stays within the terminal's rows (12 at 24). */
const visibleStatements = (rows = 24) => Math.max(3, Math.min(12, rows - 12));

export function TablesScreen(props: WorkScreenProps) {
  const { phase, progress, plan, detected, error, width } = props;
  usePhaseKeys(phase, props);
  const tables = plan?.resources.filter((r) => r.kind === 'table').map((r) => r.name) ?? [];
  const statements = progress.statements;
  // Keep the failing or running statement in view: show the newest ones.
  const hidden = Math.max(0, statements.length - visibleStatements(props.rows));
  const labelWidth = Math.min(44, Math.max(10, ...statements.map((s) => s.label.length)));
  return (
    <ScreenFrame screen="tables" width={width} rows={props.rows} hints={phaseHints(phase, 'drop and create')}>
      {phase === 'confirm' ? (
        <Box flexDirection="column">
          <Text>
            Will drop and re-create {tables.length > 0 ? `${tables.length} tables: ${tables.join(', ')}` : 'the staging and star tables'}.
          </Text>
          {detected && detected.tables.length > 0 ? (
            <Text color={tone('yellow')}>{detected.tables.length} tables already exist; their rows are lost.</Text>
          ) : null}
        </Box>
      ) : null}
      {hidden > 0 ? <Text dimColor>… {hidden} earlier statements done</Text> : null}
      {statements.slice(hidden).map((s) => (
        <StatusRow
          key={s.id}
          status={s.status}
          label={s.label}
          labelWidth={labelWidth}
          width={width}
          detail={s.status === 'failed' ? s.error : s.elapsedMs !== undefined ? formatDuration(s.elapsedMs) : undefined}
        />
      ))}
      {phase === 'done' ? <Text color={tone('green')}>{statements.length} statements done.</Text> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Tables" message={error.message} hint={error.hint} /> : null}
    </ScreenFrame>
  );
}
