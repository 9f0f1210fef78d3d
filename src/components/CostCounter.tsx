// The estimated spend of a cluster that exists: node price × count × hours since it appeared.
// Labelled as an estimate; the price table lives with the plan, not here.
import { Text } from 'ink';
import { formatClock, formatUsd } from './format.js';
import { tone } from './theme.js';

export function CostCounter({ costPerHourUsd, sinceMs, now }: { costPerHourUsd: number; sinceMs: number; now: number }) {
  if (costPerHourUsd <= 0) return <Text dimColor>cost: $0.00 (local emulator)</Text>;
  const elapsed = Math.max(0, now - sinceMs);
  const spent = (costPerHourUsd * elapsed) / 3_600_000;
  return (
    <Text>
      <Text color={tone('yellow')}>$</Text> est. {formatUsd(costPerHourUsd)}/h · ~{formatUsd(spent)} so far
      <Text dimColor> ({formatClock(elapsed)})</Text>
    </Text>
  );
}
