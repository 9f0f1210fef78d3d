// ETL: a progress bar per COPY (phase, files, bytes, rows, rate, ETA), a row per star-table insert,
// the quality checks as a pass/fail grid (measurements with their value), load errors as a table,
// and once done the total time and every table's row count.
import { Box, Text } from 'ink';
import { useRef } from 'react';
import { DataTable } from '../components/DataTable.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatBytes, formatCount, formatDuration, truncate } from '../components/format.js';
import { phaseHints } from '../components/KeyHints.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { StatusRow, StatusSymbol } from '../components/StatusRow.js';
import { SYMBOLS, tone } from '../components/theme.js';
import { usePhaseKeys } from '../components/use-keys.js';
import { checkText, copyStats, countsLine } from '../state/etl-lines.js';
import type { CheckView, CopyView } from '../state/view-state.js';
import type { WorkScreenProps } from './screen-props.js';

const FORMAT = { count: formatCount, bytes: formatBytes, duration: formatDuration };

/** When (on the `now` clock) each COPY's progress last changed, so the line can count down or say it stalled. */
function useLastUpdate(copies: CopyView[], now: number): (c: CopyView) => number {
  const seen = useRef(new Map<string, { elapsedMs: number; at: number }>());
  for (const c of copies) {
    const last = seen.current.get(c.table);
    if (!last || last.elapsedMs !== c.elapsedMs) seen.current.set(c.table, { elapsedMs: c.elapsedMs, at: now });
  }
  return (c) => Math.max(0, now - (seen.current.get(c.table)?.at ?? now));
}

export function EtlScreen(props: WorkScreenProps) {
  const { phase, progress, plan, error, width, now, startedAt, finishedAt } = props;
  usePhaseKeys(phase, props);
  const sinceUpdate = useLastUpdate(progress.copies, now);
  const tableWidth = Math.max(...progress.copies.map((c) => c.table.length), 14);
  const barWidth = Math.max(10, width - tableWidth - 8);
  // Finished COPYs and inserts are already printed above through <Static> (see StepList); the live
  // area keeps only what is still moving, or failed, so a dozen checks still fit 24 rows.
  const logged = new Set(progress.steps.filter((s) => s.status === 'done').map((s) => s.id));
  const copies = progress.copies.filter((c) => !(c.status === 'done' && logged.has(`copy:${c.table}`)));
  const inserts = progress.steps.filter((s) => s.step === 'insert' && s.status !== 'done');
  const unloggedInserts = progress.inserts.filter((i) => !logged.has(`insert:${i.table}`));
  const loadErrors = Object.entries(progress.loadErrors).flatMap(([table, rows]) => rows.map((r) => [table, r.filename, r.line, r.column, r.reason]));
  const passed = progress.checks.filter((c) => c.passed).length;
  const total = startedAt !== undefined && finishedAt !== undefined ? ` in ${formatDuration(finishedAt - startedAt)}` : '';
  return (
    <ScreenFrame screen="etl" width={width} rows={props.rows} hints={phaseHints(phase, 'load')}>
      {phase === 'confirm' ? (
        <Box flexDirection="column">
          <Text>Will COPY the S3 sources into staging, insert the 5 star tables and run the quality checks.</Text>
          {plan ? <Text dimColor>{truncate(`${plan.sources.logData} → staging_events; ${plan.sources.songData} → staging_songs`, width)}</Text> : null}
          {plan ? <Text color={tone('yellow')}>Expect: {plan.expectedLoad}</Text> : null}
        </Box>
      ) : null}
      {copies.map((c) => (
        <Box key={c.table} flexDirection="column">
          <Box>
            <StatusSymbol status={c.status} />
            <Text> {c.table.padEnd(tableWidth)} </Text>
            <ProgressBar fraction={c.fraction} width={barWidth} failed={c.status === 'failed'} />
          </Box>
          <Text dimColor>  {truncate(copyStats(c, FORMAT, sinceUpdate(c)), width - 2)}</Text>
        </Box>
      ))}
      {inserts.map((s) => {
        const detail = s.status === 'failed' ? s.detail : undefined;
        return <StatusRow key={s.id} status={s.status} label={s.label} labelWidth={18} width={width} detail={detail} />;
      })}
      {unloggedInserts.map((i) => (
        <StatusRow key={i.table} status="done" label={`INSERT ${i.table}`} labelWidth={18} width={width} detail={`${formatCount(i.rows)} rows · ${formatDuration(i.elapsedMs)}`} />
      ))}
      {progress.checks.length > 0 ? <ChecksGrid checks={progress.checks} width={width} /> : null}
      {phase === 'done' ? (
        <Box flexDirection="column" marginTop={progress.checks.length > 0 ? 0 : 1}>
          <Text color={passed === progress.checks.length ? tone('green') : tone('yellow')}>
            Loaded {formatCount(progress.counts.songplays ?? 0)} songplays{total}; {passed}/{progress.checks.length} checks passed.
          </Text>
          {Object.keys(progress.counts).length > 0 ? (
            <Box width={width}>
              <Text wrap="wrap">Rows: {countsLine(progress.counts, formatCount)}</Text>
            </Box>
          ) : null}
        </Box>
      ) : null}
      {loadErrors.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={tone('red')}>Load errors (SYS_LOAD_ERROR_DETAIL):</Text>
          <DataTable columns={['table', 'file', 'line', 'column', 'reason']} rows={loadErrors} width={width} maxRows={5} />
        </Box>
      ) : null}
      {phase === 'failed' && error ? <ErrorBanner title="ETL" message={error.message} hint={error.hint} /> : null}
    </ScreenFrame>
  );
}

/** Up to a dozen checks one per line; more go in two columns so the screen still fits 24 rows. */
function ChecksGrid({ checks, width }: { checks: CheckView[]; width: number }) {
  const perRow = checks.length > 12 ? 2 : 1;
  const column = Math.floor((width - 2) / perRow);
  const rows: CheckView[][] = [];
  for (let i = 0; i < checks.length; i += perRow) rows.push(checks.slice(i, i + perRow));
  const cell = (c: CheckView) => {
    const report = c.expected === '(report)';
    return (
      <Box width={column} key={c.name}>
        <Text color={report ? tone('cyan') : c.passed ? tone('green') : tone('red')}>{report ? SYMBOLS.info : c.passed ? SYMBOLS.done : SYMBOLS.failed}</Text>
        <Text> {truncate(checkText(c), column - 3)}</Text>
      </Box>
    );
  };
  return (
    <Box flexDirection="column" marginTop={1}>
      {rows.map((pair, i) => (
        <Box key={i}>{pair.map(cell)}</Box>
      ))}
    </Box>
  );
}
