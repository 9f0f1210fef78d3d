// One line of work: a status symbol (or a spinner while running), a label, and dim details.
import { Box, Text } from 'ink';
import type { StepStatus } from '../workflow/events.js';
import { Spinner } from './Spinner.js';
import { SYMBOLS, tone } from './theme.js';
import { truncate } from './format.js';

export function StatusSymbol({ status }: { status: StepStatus }) {
  if (status === 'running') return <Spinner />;
  const color = status === 'done' ? tone('green') : status === 'failed' ? tone('red') : tone('gray');
  return <Text color={color}>{SYMBOLS[status]}</Text>;
}

export function StatusRow({ status, label, detail, width, labelWidth }: { status: StepStatus; label: string; detail?: string; width: number; labelWidth?: number }) {
  const labelCells = labelWidth ?? Math.min(label.length, width - 2);
  const detailCells = Math.max(0, width - 2 - labelCells - 2);
  return (
    <Box>
      <StatusSymbol status={status} />
      <Text> {truncate(label, labelCells).padEnd(labelCells)}</Text>
      {detail ? <Text dimColor>  {truncate(detail, detailCells)}</Text> : null}
    </Box>
  );
}
