// Finished work goes to Ink's <Static>: printed once above the live area and never redrawn, so a
// long run scrolls like a log and the live part stays small enough for an 80×24 terminal.
import { Box, Static, Text } from 'ink';
import type { LogEntry } from '../state/view-state.js';
import { ErrorBanner, NoticeLine } from './ErrorBanner.js';
import { formatDuration, groupCountsIn, truncate } from './format.js';
import { StatusSymbol } from './StatusRow.js';
import { SYMBOLS, tone } from './theme.js';

export function LogLine({ entry, width }: { entry: LogEntry; width: number }) {
  switch (entry.kind) {
    case 'step': {
      const time = entry.elapsedMs !== undefined ? ` ${formatDuration(entry.elapsedMs)}` : '';
      const detail = entry.detail ? `  ${groupCountsIn(entry.detail)}` : '';
      return (
        <Box>
          <StatusSymbol status={entry.status} />
          <Text> {truncate(entry.label, 40)}</Text>
          <Text dimColor>{truncate(`${detail}${time}`, Math.max(0, width - 3 - Math.min(40, entry.label.length)))}</Text>
        </Box>
      );
    }
    case 'notice':
      return <NoticeLine level={entry.level} message={entry.message} />;
    case 'check':
      return (
        <Text color={tone('red')}>
          {SYMBOLS.failed} check failed: {truncate(entry.name, 40)} <Text dimColor>expected {entry.expected}, got {entry.actual}</Text>
        </Text>
      );
    case 'error':
      return <ErrorBanner message={entry.message} hint={entry.hint} />;
  }
}

/** `items` must only ever grow: <Static> prints each index once. */
export function StepList({ items, width }: { items: LogEntry[]; width: number }) {
  return <Static items={items}>{(entry) => <LogLine key={entry.key} entry={entry} width={width} />}</Static>;
}
