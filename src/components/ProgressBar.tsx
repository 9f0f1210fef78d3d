import { Text } from 'ink';
import { tone } from './theme.js';

/** A text bar of exactly `width` cells plus the percentage, so it lines up in a column. */
export function ProgressBar({ fraction, width, failed = false }: { fraction: number; width: number; failed?: boolean }) {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
  const cells = Math.max(1, width);
  const filled = Math.round(clamped * cells);
  return (
    <Text>
      <Text color={tone(failed ? 'red' : 'green')}>{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(cells - filled)}</Text>
      {` ${String(Math.floor(clamped * 100)).padStart(3)}%`}
    </Text>
  );
}
